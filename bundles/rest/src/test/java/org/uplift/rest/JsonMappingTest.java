package org.uplift.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.dto.BackupDto;
import org.uplift.api.dto.DeviceDto;
import org.uplift.api.dto.JobDto;
import org.uplift.api.dto.SelectionDto;
import org.uplift.api.workflow.DeviceSelection;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.StepRecord;

/** Answers as the runtime writes them: valid JSON and UTF-8 whatever device text holds, in the documented shapes. */
class JsonMappingTest {

    @Test
    void givenQuotesBackslashesAndControlCharacters_whenWritten_thenEachHasItsEscape() {
        assertEquals("\"say \\\"hi\\\" C:\\\\dir\"", JsonMapping.write("say \"hi\" C:\\dir"));
        assertEquals("\"\\n\\r\\t\\b\\f\\u0000\\u001F\"", JsonMapping.write("\n\r\t\b\f\u0000\u001f"));
    }

    @Test
    void givenJavaScriptLineSeparators_whenWritten_thenTheyAreEscaped() {
        assertEquals("\"a\\u2028b\\u2029c\"", JsonMapping.write("a\u2028b\u2029c"));
    }

    @Test
    void givenASurrogatePair_whenWritten_thenItIsKeptAndEncodesAsOneUtf8Character() {
        String json = JsonMapping.write("\uD83D\uDE00");
        assertEquals("\"\uD83D\uDE00\"", json);
        assertEquals(6, json.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void givenLoneSurrogates_whenWritten_thenTheyAreEscapedSoTheOutputIsValidUtf8() {
        assertEquals("\"x\\uD800y\\uDC00\"", JsonMapping.write("x\uD800y\uDC00"));
        assertEquals("\"\\uD83D\"", JsonMapping.write("\uD83D"));
    }

    @Test
    void givenNonAsciiText_whenWritten_thenItIsLeftAsIs() {
        assertEquals("\"Zürich – 東京\"", JsonMapping.write("Zürich – 東京"));
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
                JsonMapping.write(outer));
    }

    @Test
    void givenEnumsAndInstants_whenWritten_thenTheirNameAndIso8601() {
        assertEquals("[\"NANOSECONDS\",\"1970-01-01T00:00:01Z\"]",
                JsonMapping.write(List.of(TimeUnit.NANOSECONDS, Instant.ofEpochSecond(1))));
    }

    @Test
    void givenAnUnknownType_whenWritten_thenItIsRefusedRatherThanGuessed() {
        assertThrows(IllegalArgumentException.class, () -> JsonMapping.write(new Object()));
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
        assertEquals(all.toString(), Http.parse(JsonMapping.write(all.toString())));
    }

    @Test
    void givenV2cAndV3Devices_whenWritten_thenTheV2cShowsOnlyItsVersionAndNeitherASecret() {
        String v2c = JsonMapping
                .write(DeviceDto.of(new Device("iad-1", "192.0.2.1", 161, SnmpCredentials.v2c("s3cret"), null)));
        assertEquals(
                "{\"id\":\"iad-1\",\"host\":\"192.0.2.1\",\"snmpPort\":161,\"snmp\":{\"version\":\"v2c\"},\"driver\":null,"
                        + "\"transfer\":\"tftp\",\"serverAddress\":null,\"transferSource\":null}",
                v2c);
        String v3 = JsonMapping.write(DeviceDto
                .of(new Device("iad-2", "192.0.2.2", 161, SnmpCredentials.v3("ops", "a-pass", "p-pass"), null)));
        assertTrue(v3.contains(
                "\"snmp\":{\"version\":\"v3\",\"user\":\"ops\",\"authProtocol\":\"SHA256\",\"privProtocol\":\"AES128\"}"),
                v3);
        assertFalse(v3.contains("pass") || v2c.contains("s3cret"));
    }

    @Test
    void givenTheThreeSelections_whenWritten_thenEachHasOnlyItsOwnFields() {
        assertEquals("{\"kind\":\"list\",\"devices\":[\"a\",\"b\"]}",
                JsonMapping.write(SelectionDto.of(DeviceSelection.list(List.of("a", "b")))));
        assertEquals("{\"kind\":\"model\",\"model\":\"M\"}",
                JsonMapping.write(SelectionDto.of(DeviceSelection.model("M"))));
        assertEquals("{\"kind\":\"older\",\"model\":null}",
                JsonMapping.write(SelectionDto.of(DeviceSelection.olderThanTarget(null))));
    }

    @Test
    void givenAJobNeverDecided_whenWritten_thenItHasNoLastDecisionButANullProgress() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        Job job = new Job("j1", "iad-1", "IAD-1000-2.0.0", "2.0.0", JobState.DONE, t,
                List.of(new StepRecord(JobState.PENDING, t, "go"),
                        new StepRecord(JobState.DONE, t.plusSeconds(9), "done")),
                null);
        String json = JsonMapping.write(JobDto.of(job, Optional.empty()));
        assertEquals("{\"id\":\"j1\",\"device\":\"iad-1\",\"firmware\":\"IAD-1000-2.0.0\",\"targetVersion\":\"2.0.0\","
                + "\"state\":\"DONE\",\"ended\":true,\"campaign\":null,\"createdAt\":\"2026-01-01T00:00:00Z\","
                + "\"updatedAt\":\"2026-01-01T00:00:09Z\",\"message\":\"done\",\"plan\":[],\"history\":["
                + "{\"state\":\"PENDING\",\"at\":\"2026-01-01T00:00:00Z\",\"message\":\"go\"},"
                + "{\"state\":\"DONE\",\"at\":\"2026-01-01T00:00:09Z\",\"message\":\"done\"}],\"progress\":null,\"prompt\":0}",
                json);
    }

    @Test
    void givenABackupWithItsContent_whenWritten_thenTheContentFollowsTheRecordsFields() {
        BackupDto b = new BackupDto("iad-1", 2, Instant.EPOCH, 4, "ab", "2.0.0", "1");
        assertEquals(
                "{\"device\":\"iad-1\",\"version\":2,\"takenAt\":\"1970-01-01T00:00:00Z\",\"size\":4,\"sha256\":\"ab\","
                        + "\"firmwareVersion\":\"2.0.0\",\"formatVersion\":\"1\",\"content\":\"a=1\\n\"}",
                JsonMapping.write(new BackupsResource.BackupReply(b, "a=1\n")));
    }
}
