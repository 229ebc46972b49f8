package org.uplift.workflow.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ContextCodecTest {

    @Test
    void givenAwkwardKeysAndValues_whenEncodedAndDecoded_thenTheyRoundTrip() {
        Map<String, String> context = Map.of(
                "plain", "2.0.0",
                "a=b", "c=d",
                "lines", "first\nsecond\r\nthird",
                "back\\slash", "C:\\temp\\",
                "empty", "",
                "control", "bell\u0007tab\tdel\u007f",
                "unicode", "Grüße ✓");
        assertEquals(context, ContextCodec.decode(ContextCodec.encode(context)));
    }

    @Test
    void givenAContext_whenEncoded_thenItIsOneSortedLinePerKey() {
        assertEquals("a=1\nb=x\\ny\n", ContextCodec.encode(Map.of("b", "x\ny", "a", "1")));
    }

    @Test
    void givenNothing_whenDecoded_thenTheContextIsEmpty() {
        assertEquals(Map.of(), ContextCodec.decode(""));
        assertEquals(Map.of(), ContextCodec.decode(null));
    }
}
