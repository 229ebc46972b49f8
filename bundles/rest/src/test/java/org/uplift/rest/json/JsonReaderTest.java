package org.uplift.rest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void givenAnObject_whenRead_thenItsFieldsHaveJavaTypesInTheirOrder() {
        Object value = JsonReader.read(" {\"device\": \"iad-1\", \"n\": -12.5e1, \"ok\": true, \"no\": false,"
                + " \"none\": null, \"list\": [1, \"two\", []], \"o\": {}} ");
        Map<?, ?> map = (Map<?, ?>) value;
        assertEquals(List.of("device", "n", "ok", "no", "none", "list", "o"), List.copyOf(map.keySet()));
        assertEquals("iad-1", map.get("device"));
        assertEquals(new BigDecimal("-12.5e1"), map.get("n"));
        assertEquals(Boolean.TRUE, map.get("ok"));
        assertEquals(Boolean.FALSE, map.get("no"));
        assertNull(map.get("none"));
        assertEquals(Arrays.asList(new BigDecimal(1), "two", List.of()), map.get("list"));
        assertEquals(Map.of(), map.get("o"));
    }

    @Test
    void givenEscapes_whenRead_thenTheyAreDecodedIncludingSurrogatePairs() {
        assertEquals("\"\\/\b\f\n\r\t\u00e9\uD83D\uDE00", JsonReader.read("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00E9\\ud83d\\ude00\""));
    }

    @Test
    void givenScalarsAtTheTop_whenRead_thenTheyAreAccepted() {
        assertEquals(new BigDecimal("0"), JsonReader.read("0"));
        assertEquals("x", JsonReader.read("\"x\""));
        assertNull(JsonReader.read("null"));
    }

    @Test
    void givenBrokenTexts_whenRead_thenEachIsRefusedWithThePositionAndTheReason() {
        assertError("{\"a\":1,}", "at character 8: expected a quoted key, found '}'");
        assertError("[1,2", "at character 5: expected ',' or ']' in an array, found end of text");
        assertError("\"abc", "unterminated string");
        assertError("\"a\\x\"", "unknown escape \\x");
        assertError("\"\\u12G4\"", "\\u needs four hex digits");
        assertError("01", "a number may not start with 0");
        assertError("1.", "expected a digit after '.'");
        assertError("-", "expected a digit");
        assertError("1e", "expected a digit in the exponent");
        assertError("tru", "where a value was expected");
        assertError("{\"a\":1} x", "at character 9: unexpected 'x' after the value");
        assertError("{\"a\":1,\"a\":2}", "duplicate key \"a\"");
        assertError("\"tab\there\"", "control character U+0009 inside a string");
        assertError("", "the text ends where a value was expected");
        assertError("{'a':1}", "expected a quoted key, found '''");
        assertError("[1] // comment", "unexpected '/' after the value");
        assertError("NaN", "unexpected 'N' where a value was expected");
    }

    @Test
    void givenDeepNesting_whenRead_thenItIsRefusedBeforeTheStackIsAtRisk() {
        String ok = "[".repeat(JsonReader.MAX_DEPTH) + "]".repeat(JsonReader.MAX_DEPTH);
        assertInstanceOf(List.class, JsonReader.read(ok));
        String deep = "[".repeat(100_000);
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonReader.read(deep));
        assertTrue(e.getMessage().contains("nested deeper than 32 levels"), e.getMessage());
    }

    @Test
    void givenAHugeNumber_whenRead_thenItIsRefused() {
        assertError("1" + "0".repeat(200), "number longer than 100 characters");
    }

    private static void assertError(String text, String expected) {
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> JsonReader.read(text), text);
        assertTrue(e.getMessage().startsWith("not valid JSON at character "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), text + " -> " + e.getMessage());
    }
}
