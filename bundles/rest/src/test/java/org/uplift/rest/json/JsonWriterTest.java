package org.uplift.rest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void givenQuotesAndBackslashes_whenWritten_thenTheyAreEscaped() {
        assertEquals("\"say \\\"hi\\\" C:\\\\dir\"", JsonWriter.write("say \"hi\" C:\\dir"));
    }

    @Test
    void givenControlCharacters_whenWritten_thenEachHasItsShortOrUnicodeEscape() {
        assertEquals("\"\\n\\r\\t\\b\\f\\u0000\\u001f\"", JsonWriter.write("\n\r\t\b\f\u0000\u001f"));
    }

    @Test
    void givenJavaScriptLineSeparators_whenWritten_thenTheyAreEscaped() {
        assertEquals("\"a\\u2028b\\u2029c\"", JsonWriter.write("a\u2028b\u2029c"));
    }

    @Test
    void givenASurrogatePair_whenWritten_thenItIsKeptAndEncodesAsOneUtf8Character() {
        String json = JsonWriter.write("\uD83D\uDE00");
        assertEquals("\"\uD83D\uDE00\"", json);
        assertEquals(6, json.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void givenLoneSurrogates_whenWritten_thenTheyAreEscapedSoTheOutputIsValidUtf8() {
        assertEquals("\"x\\ud800y\\udc00\"", JsonWriter.write("x\uD800y\uDC00"));
        assertEquals("\"\\ud83d\"", JsonWriter.write("\uD83D"));
    }

    @Test
    void givenNonAsciiText_whenWritten_thenItIsLeftAsIs() {
        assertEquals("\"Zürich – 東京\"", JsonWriter.write("Zürich – 東京"));
    }

    @Test
    void givenNestedMapsAndLists_whenWritten_thenKeysKeepTheirOrderAndNullsAreWritten() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", null);
        Map<String, Object> outer = new LinkedHashMap<>();
        outer.put("list", Arrays.asList(true, false, null, "s"));
        outer.put("inner", inner);
        outer.put("empty", List.of());
        outer.put("none", Map.of());
        assertEquals("{\"list\":[true,false,null,\"s\"],\"inner\":{\"z\":1,\"a\":null},\"empty\":[],\"none\":{}}",
                JsonWriter.write(outer));
    }

    @Test
    void givenNumbersEnumsAndInstants_whenWritten_thenTheyHaveTheirJsonForms() {
        assertEquals("[42,-7,9007199254740993,2.5,3,1.5E300,0.10]",
                JsonWriter.write(List.of(42, -7L, 9007199254740993L, 2.5, 3.0, 1.5e300, new BigDecimal("0.10"))));
        assertEquals("[\"NANOSECONDS\",\"1970-01-01T00:00:01Z\"]",
                JsonWriter.write(List.of(java.util.concurrent.TimeUnit.NANOSECONDS, Instant.ofEpochSecond(1))));
    }

    @Test
    void givenNotANumber_whenWritten_thenItIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(Double.POSITIVE_INFINITY));
    }

    @Test
    void givenAnUnknownTypeOrANonStringKey_whenWritten_thenItIsRefusedRatherThanGuessed() {
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(new Object()));
        assertThrows(IllegalArgumentException.class, () -> JsonWriter.write(Map.of(1, "one")));
    }

    @Test
    void givenAnyStringOfAllCharacters_whenWrittenAndReadBack_thenItIsUnchanged() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x3000; c++) {
            if (!Character.isSurrogate(c)) {
                all.append(c);
            }
        }
        all.append("\uD83D\uDE00");
        assertEquals(all.toString(), JsonReader.read(JsonWriter.write(all.toString())));
    }
}
