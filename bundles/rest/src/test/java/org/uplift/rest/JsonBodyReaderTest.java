package org.uplift.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.rest.Http.body;
import static org.uplift.rest.Http.refused;

import java.lang.annotation.Annotation;
import java.util.List;

import javax.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;

/** Request bodies as the runtime reads them: strict JSON, within limits, into the request's record. */
class JsonBodyReaderTest {

    @Test
    void givenAValidBody_whenRead_thenTheRecordHasItsFieldsAndAbsentOnesAreNull() {
        CampaignStart c = Http.campaign("{\"firmware\": \"2.0.0\", \"devices\": [\"a\", \"b\"], \"older\": false,"
                + " \"concurrency\": 7, \"model\": null}");
        assertEquals(new CampaignStart("2.0.0", List.of("a", "b"), null, false, 7, null, null, null), c);
    }

    @Test
    void givenEscapes_whenRead_thenTheyAreDecodedIncludingSurrogatePairs() {
        JobStart j = Http.job("{\"device\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00E9\\ud83d\\ude00\", \"firmware\": \"1\"}");
        assertEquals("\"\\/\b\f\n\r\t\u00e9\uD83D\uDE00", j.device());
    }

    @Test
    void givenBrokenTexts_whenRead_thenEachIsRefusedWithThePositionAndTheReason() {
        assertNotJson("{\"a\":1,}", "at character 8: ", "was expecting double-quote to start field name");
        assertNotJson("[1,2", "at character 5: ", "end-of-input");
        assertNotJson("\"abc", "at character ", "end-of-input");
        assertNotJson("\"a\\x\"", "at character ", "Unrecognized character escape 'x'");
        assertNotJson("\"\\u12G4\"", "at character ", "Unexpected character ('G'");
        assertNotJson("01", "at character ", "Leading zeroes not allowed");
        assertNotJson("1.", "at character ", "Decimal point not followed by a digit");
        assertNotJson("-", "at character ", "");
        assertNotJson("1e", "at character 3: ", "exponent");
        assertNotJson("tru", "at character 1: ", "Unrecognized token 'tru'");
        assertNotJson("{\"device\":\"a\"} x", "at character 16: ", "Unrecognized token 'x'");
        assertNotJson("{\"device\":\"a\"} {}", "at character 16: ", "unexpected text after the value");
        assertNotJson("{\"device\":\"a\",\"device\":\"b\"}", "at character ", "Duplicate field 'device'");
        assertNotJson("\"tab\there\"", "at character 5: ", "CTRL-CHAR, code 9");
        assertNotJson("{'a':1}", "at character 2: ", "was expecting double-quote to start field name");
        assertNotJson("[1] // comment", "at character 5: ", "Unexpected character ('/'");
        assertNotJson("NaN", "at character ", "Non-standard token 'NaN'");
    }

    @Test
    void givenATokenLongerThanAnErrorQuotes_whenRefused_thenOnlyItsStartIsEchoed() {
        String message = refused(400, () -> Http.job("true" + "x".repeat(5_000))).getMessage();
        assertTrue(message.length() < 300, message);
        assertFalse(message.contains("x".repeat(JsonMapping.MAX_ERROR_TOKEN + 1)), message);
        assertFalse(message.contains("[Source"), message);
    }

    @Test
    void givenDeepNesting_whenRead_thenItIsRefusedBeforeTheStackIsAtRisk() {
        String ok = "{\"device\": " + "[".repeat(JsonMapping.MAX_DEPTH - 1) + "]".repeat(JsonMapping.MAX_DEPTH - 1)
                + "}";
        assertEquals("field \"device\" must be a string, not an array", refused(400, () -> Http.job(ok)).getMessage());
        String deep = "[".repeat(50_000);
        String message = refused(400, () -> Http.job(deep)).getMessage();
        assertTrue(message.startsWith("not valid JSON at character 34: ")
                && message.contains("nesting depth (33) exceeds the maximum allowed (32)"), message);
    }

    @Test
    void givenAHugeNumber_whenRead_thenItIsRefused() {
        String message = refused(400, () -> Http.job("{\"device\": 1" + "0".repeat(200) + "}")).getMessage();
        assertTrue(
                message.startsWith("not valid JSON at character ")
                        && message.contains("exceeds the maximum allowed (100)"),
                message);
    }

    @Test
    void givenABodyLongerThanTheLimit_whenRead_thenItIsRefusedUnparsed() {
        String huge = "[" + "1,".repeat(JsonMapping.MAX_BYTES) + "1]";
        assertEquals("the request body is larger than 65536 bytes", refused(400, () -> Http.job(huge)).getMessage());
    }

    @Test
    void givenAFieldOfTheWrongKind_whenRead_thenTheFieldAndBothKindsAreNamed() {
        assertEquals("field \"device\" must be a string, not an object",
                refused(400, () -> Http.job("{\"device\": {}}")).getMessage());
        assertEquals("field \"device\" must be a string, not a boolean",
                refused(400, () -> Http.job("{\"device\": true}")).getMessage());
        assertEquals("field \"concurrency\" must be a number, not a string",
                refused(400, () -> Http.campaign("{\"concurrency\": \"5\"}")).getMessage());
        assertEquals("field \"concurrency\" must be a whole number, got 99999999999",
                refused(400, () -> Http.campaign("{\"concurrency\": 99999999999}")).getMessage());
        assertEquals("field \"older\" must be true or false, not a number",
                refused(400, () -> Http.campaign("{\"older\": 1}")).getMessage());
        assertEquals("field \"devices\" must hold only non-empty strings, found an array",
                refused(400, () -> Http.campaign("{\"devices\": [[]]}")).getMessage());
    }

    @Test
    void givenTheProvider_whenAskedForARecordOrAnythingElse_thenItReadsOnlyRecords() {
        JsonBodyReader reader = new JsonBodyReader();
        assertTrue(
                reader.isReadable(JobStart.class, JobStart.class, new Annotation[0], MediaType.APPLICATION_JSON_TYPE));
        assertFalse(reader.isReadable(String.class, String.class, new Annotation[0], MediaType.APPLICATION_JSON_TYPE));
        Object read = reader.readFrom(castClass(JobStart.class), JobStart.class,
                new Annotation[0], MediaType.APPLICATION_JSON_TYPE, null,
                body("{\"device\": \"a\", \"firmware\": \"1\"}"));
        assertEquals(new JobStart("a", "1", null), read);
    }

    @SuppressWarnings("unchecked")
    private static Class<Object> castClass(Class<?> c) {
        return (Class<Object>) c;
    }

    private static void assertNotJson(String text, String position, String reason) {
        String message = refused(400, () -> Http.job(text)).getMessage();
        assertTrue(message.startsWith("not valid JSON " + position), text + " -> " + message);
        assertTrue(message.contains(reason), text + " -> " + message);
        assertFalse(message.contains("\n") || message.contains("[Source"), text + " -> " + message);
    }
}
