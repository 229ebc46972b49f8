package org.uplift.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class FirmwareImageFormatTest {

    @Test
    void aBuiltImageParsesBackWithAnIntactPayload() {
        FirmwareImageFormat.Image image = FirmwareImageFormat
                .parse(FirmwareImageFormat.build("IAD-1000", "2.0.0", "2", 1500));

        assertEquals("IAD-1000", image.model());
        assertEquals("2.0.0", image.version());
        assertEquals("2", image.configFormat());
        assertEquals(1500, image.payload().length);
        assertTrue(image.payloadIntact());
    }

    @Test
    void buildingIsDeterministic() {
        assertArrayEquals(FirmwareImageFormat.build("IAD-1000", "2.0.0", "1", 777),
                FirmwareImageFormat.build("IAD-1000", "2.0.0", "1", 777));
    }

    @Test
    void aChangedPayloadByteIsDetected() {
        byte[] bytes = FirmwareImageFormat.build("IAD-1000", "2.0.0", "1", 100);
        bytes[bytes.length - 1] ^= 1;

        assertFalse(FirmwareImageFormat.parse(bytes).payloadIntact());
    }

    @Test
    void somethingElseIsNotAnImage() {
        byte[] text = "hello\n\nworld".getBytes(StandardCharsets.UTF_8);

        assertThrows(IllegalArgumentException.class, () -> FirmwareImageFormat.parse(text));
    }
}
