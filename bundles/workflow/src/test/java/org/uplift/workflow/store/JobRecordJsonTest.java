package org.uplift.workflow.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.uplift.api.workflow.JobPlan;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;

class JobRecordJsonTest {

    @Test
    void givenARecordWithEveryField_whenWrittenAndRead_thenItRoundTrips() {
        JobRecord record = JobStoreContract.everyField();

        assertEquals(record, JobRecordJson.read(JobRecordJson.write(record)));
    }

    @Test
    void givenANewJob_whenWritten_thenTheDocumentCarriesItsSchemaVersionAndLeavesUnknownFactsOut() {
        JobRecord record = JobRecord.planned(RetryPolicy.parse("retry:1"),
                new JobPlan(List.of(new JobPlan.Step("BACKUP", true, "uplift-iad"))), Optional.empty());

        String json = JobRecordJson.write(record);

        assertTrue(json.startsWith("{\"schemaVersion\":" + JobRecord.SCHEMA_VERSION + ","), json);
        assertFalse(json.contains("backup\":") || json.contains("oldVersion") || json.contains("justDecided"), json);
        assertEquals(record, JobRecordJson.read(json));
    }

    @Test
    void givenARecordOfANewerSchema_whenRead_thenItIsRefusedSayingSoRatherThanMisread() {
        String future = JobRecordJson.write(JobRecord.EMPTY).replace("\"schemaVersion\":1", "\"schemaVersion\":2");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> JobRecordJson.read(future));

        assertTrue(refused.getMessage().contains("schema version 2") && refused.getMessage().contains("newer"),
                refused.getMessage());
    }

    @Test
    void givenAStepThisUpliftDoesNotKnow_whenRead_thenItIsRefusedNamingIt() {
        String unknown = JobRecordJson.write(JobRecord.EMPTY.withFailure(JobState.UPDATE, "x", true))
                .replace("UPDATE", "WARP_DRIVE");

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> JobRecordJson.read(unknown));

        assertTrue(refused.getMessage().contains("WARP_DRIVE"), refused.getMessage());
    }

    @Test
    void givenADocumentWithoutSchemaVersion_whenRead_thenItIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> JobRecordJson.read("{\"policy\":\"ask\"}"));
        assertThrows(IllegalArgumentException.class, () -> JobRecordJson.read("[1]"));
    }

    @Test
    void givenFailures_whenRecorded_thenOnlyCountedOnesAreAttempts() {
        JobRecord record = JobRecord.EMPTY.withFailure(JobState.BACKUP, "device said no", true)
                .withFailure(JobState.BACKUP, "stopped by the operator", false)
                .withFailure(JobState.RESTORE, "time-out", true);

        assertEquals(1, record.attempts(JobState.BACKUP));
        assertEquals(1, record.attempts(JobState.RESTORE));
        assertEquals(0, record.attempts(JobState.UPDATE));
        assertEquals(JobState.RESTORE, record.failedStep());
    }
}
