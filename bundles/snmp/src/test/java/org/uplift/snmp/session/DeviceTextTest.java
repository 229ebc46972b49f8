package org.uplift.snmp.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeviceTextTest {

    @Test
    void plainTextPassesUnchanged() {
        assertEquals("CM-3000 v2.1.0-rc1 (Größe)", DeviceText.escape("CM-3000 v2.1.0-rc1 (Größe)"));
        assertEquals("", DeviceText.escape(null));
    }

    @Test
    void controlLineAndFormatCharactersAreEscaped() {
        assertEquals("a\\u001B[31mb\\u000D\\u000Ac\\u007F\\u0085\\u2028\\u202E\\u200Bd",
                DeviceText.escape("a\u001b[31mb\r\nc\u007f\u0085\u2028\u202e\u200bd"));
        assertEquals("x\\uD800y", DeviceText.escape("x\ud800y"), "a lone surrogate");
    }

    @Test
    void theLengthIsBounded() {
        String escaped = DeviceText.escape("v".repeat(10_000));

        assertEquals(DeviceText.MAX_CHARS + 3, escaped.length());
        assertTrue(escaped.endsWith("..."));
    }
}
