package org.uplift.common.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class DeviceTextTest {

    @Test
    void plainTextPassesUnchanged() {
        assertEquals("CM-3000 v2.1.0-rc1 (Größe)", DeviceText.escape("CM-3000 v2.1.0-rc1 (Größe)"));
        assertEquals("", DeviceText.escape(null));
    }

    @Test
    void controlLineAndFormatCharactersAreEscaped() {
        assertEquals("a\\u001b[31mb\\u000d\\u000ac\\u007f\\u0085\\u2028\\u202e\\u200bd",
                DeviceText.escape("a\u001b[31mb\r\nc\u007f\u0085\u2028\u202e\u200bd"));
        assertEquals("x\\ud800y", DeviceText.escape("x\ud800y"), "a lone surrogate");
    }

    @Test
    void theLengthIsBounded() {
        String escaped = DeviceText.escape("v".repeat(10_000));

        assertEquals(DeviceText.MAX_CHARS + 3, escaped.length());
        assertTrue(escaped.endsWith("..."));
    }

    @Test
    void givenADiff_whenSummarised_thenOnlyChangedLinesAreShownEscapedAndTheRestCounted() {
        List<String> diff = List.of("--- device", "+++ expected", "@@ -1,4 +1,4 @@", " same", "-a=1\u001b", "+a=2",
                "-b=1", "+b=2");

        assertEquals("'-a=1\\u001b', '+a=2' and 2 more changed line(s)", DeviceText.firstChanges(diff, 2));
        assertEquals("'-a=1\\u001b', '+a=2', '-b=1', '+b=2'", DeviceText.firstChanges(diff, 4));
    }
}
