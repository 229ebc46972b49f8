package org.uplift.workflow.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.JobPlan;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.StepRecord;

/**
 * Rows an older Uplift wrote, with the context as {@code key=value} lines, read by this one: every fact
 * comes back typed, and the first move writes the row as a JSON document.
 */
class OldContextRowsTest {

    private static final Instant T0 = Instant.parse("2025-11-03T09:00:00Z");

    @TempDir
    Path dir;

    private DataSource dataSource;
    private JdbcJobStore store;

    @BeforeEach
    void open() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + dir.resolve("jobs") + ";DB_CLOSE_DELAY=-1");
        dataSource = h2;
        store = new JdbcJobStore(dataSource, new MutableClock(T0));
    }

    /** What the engine of that Uplift stored for a job whose update failed, was retried and is rolling back. */
    private static Map<String, String> oldContext() {
        Map<String, String> c = new HashMap<>();
        c.put("policy", "retry:2:abort");
        c.put("plan",
                "+BACKUP\tuplift-iad over tftp, checked by digest\n+UPDATE\tuplift-iad\n-RESTORE\tprovisioning\n");
        c.put("oldFirmware", "fw-iad-1.0.0");
        c.put("oldVersion", "1.0.0");
        c.put("backupVersion", "4");
        c.put("backupSha256", "ab".repeat(32));
        c.put("backupFormat", "1");
        c.put("updateSysUpTime", "123456");
        c.put("updateAtMillis", "1762160400000");
        c.put("updateEngineBoots", "-1");
        c.put("updateRestarted", "false");
        c.put("migratedFile", "/var/uplift/work/J-1/configuration-format-2.cfg");
        c.put("migratedSha256", "cd".repeat(32));
        c.put("failedStep", "VERIFY_UPDATE");
        c.put("reason", "time-out: the device did not restart\nrunning 2.0.0");
        c.put("afterRollback", "RETRY");
        c.put("attempts.VERIFY_UPDATE", "2");
        c.put("attempts.BACKUP", "1");
        return c;
    }

    @Test
    void givenARowAnOlderUpliftWrote_whenRead_thenEveryFactComesBackTyped() throws Exception {
        insertOldRow("J-1", JobState.ROLLBACK, oldContext(), List.of(
                new StepRecord(JobState.PENDING, T0, "upgrade IAD-1000 from 1.0.0 to 2.0.0"),
                new StepRecord(JobState.AWAITING_DECISION, T0.plusSeconds(60), "VERIFY_UPDATE failed: time-out"),
                new StepRecord(JobState.ROLLBACK, T0.plusSeconds(61), "retry the update: first returning the device to "
                        + "its kept version (claim 10); decided by alice (shell)")));

        JobRecord record = store.find("J-1").orElseThrow().record();

        assertEquals(RetryPolicy.parse("retry:2:abort"), record.policy());
        assertEquals(new JobPlan(List.of(new JobPlan.Step("BACKUP", true, "uplift-iad over tftp, checked by digest"),
                new JobPlan.Step("UPDATE", true, "uplift-iad"), new JobPlan.Step("RESTORE", false, "provisioning"))),
                record.plan());
        assertEquals(Optional.of("fw-iad-1.0.0"), record.oldFirmware());
        assertEquals(Optional.of("1.0.0"), record.oldVersion());
        assertEquals(Optional.of(new BackupEvidence(4, "ab".repeat(32), "1")), record.backup());
        assertEquals(Optional.of(new UpdateWatch(1762160400000L, OptionalLong.of(123456), OptionalLong.empty())),
                record.update());
        assertEquals(Optional.of(new MigratedConfig(Path.of("/var/uplift/work/J-1/configuration-format-2.cfg"),
                "cd".repeat(32))), record.migrated());
        assertEquals(
                Optional.of(
                        new FailedStep(JobState.VERIFY_UPDATE, "time-out: the device did not restart\nrunning 2.0.0")),
                record.failure());
        assertEquals(Optional.of(AfterRollback.RETRY), record.afterRollback());
        assertEquals(Map.of(JobState.VERIFY_UPDATE, 2, JobState.BACKUP, 1), record.attempts());
        assertEquals(Optional.of(new DecisionTaken(Decision.RETRY, JobState.ROLLBACK)), record.justDecided());
        assertTrue(record.decidedInto(JobState.ROLLBACK), "taken up right after the decision: not a resume");
    }

    @Test
    void givenAnOldRowWhoseLastMoveWasAStep_whenRead_thenNoDecisionIsMarked() throws Exception {
        insertOldRow("J-1", JobState.ROLLBACK, oldContext(), List.of(
                new StepRecord(JobState.ROLLBACK, T0, "retry the update; decided by policy retry:2 (attempt 1 of 2)"),
                new StepRecord(JobState.ROLLBACK, T0.plusSeconds(5), "resumed on node node-a after Uplift restarted")));

        assertEquals(Optional.empty(), store.find("J-1").orElseThrow().record().justDecided());
    }

    @Test
    void givenTheOldSentinelForARestartSeenAlready_whenRead_thenTheRecordSaysSoWithoutAnUptime() throws Exception {
        Map<String, String> c = new HashMap<>(
                Map.of("policy", "ask", "oldVersion", "1.0.0", "updateAtMillis", "1762160400000",
                        "updateSysUpTime", Long.toString(Long.MAX_VALUE / 4)));
        insertOldRow("J-1", JobState.VERIFY_UPDATE, c,
                List.of(new StepRecord(JobState.VERIFY_UPDATE, T0, "verifying")));
        insertOldRow("J-2", JobState.VERIFY_UPDATE, Map.of("updateAtMillis", "5", "updateSysUpTime", "77",
                "updateRestarted", "true"), List.of(new StepRecord(JobState.VERIFY_UPDATE, T0, "verifying")));

        UpdateWatch sentinel = store.find("J-1").orElseThrow().record().requireUpdate();
        UpdateWatch flagged = store.find("J-2").orElseThrow().record().requireUpdate();

        assertTrue(sentinel.restartAlreadySeen());
        assertEquals(UpdateWatch.restartSeen(1762160400000L), sentinel);
        assertEquals(UpdateWatch.restartSeen(5), flagged);
        assertEquals(RetryPolicy.ASK, store.find("J-2").orElseThrow().record().policy(), "no policy stored: ask");
    }

    @Test
    void givenAnOldRow_whenMoved_thenItIsWrittenBackAsAVersionedJsonDocumentWithTheSameFacts() throws Exception {
        insertOldRow("J-1", JobState.ROLLBACK, oldContext(),
                List.of(new StepRecord(JobState.ROLLBACK, T0, "rolling back")));
        JobRecord before = store.find("J-1").orElseThrow().record();

        assertTrue(store.transition("J-1", JobState.ROLLBACK, new StepRecord(JobState.VERIFY_ROLLBACK, T0, "back"),
                r -> r.withoutDecision()));

        String column = column("J-1");
        assertTrue(column.startsWith("{\"schemaVersion\":" + JobRecord.SCHEMA_VERSION + ","), column);
        assertEquals(before, JobRecordJson.read(column));
        assertEquals(before, store.find("J-1").orElseThrow().record());
    }

    @Test
    void givenARowOfANewerSchema_whenRead_thenTheStoreRefusesItSayingWhy() throws Exception {
        insertOldRow("J-1", JobState.BACKUP, Map.of(), List.of(new StepRecord(JobState.BACKUP, T0, "backing up")));
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("UPDATE uplift_jobs SET context = ? WHERE id = 'J-1'")) {
            update.setString(1,
                    "{\"schemaVersion\":" + (JobRecord.SCHEMA_VERSION + 1) + ",\"policy\":\"ask\",\"verdict\":{}}");
            update.executeUpdate();
        }

        StoreException refused = assertThrows(StoreException.class, () -> store.find("J-1"));

        assertTrue(refused.getMessage().contains("J-1") && refused.getMessage().contains("schema version "
                + (JobRecord.SCHEMA_VERSION + 1)) && refused.getMessage().contains("newer"), refused.getMessage());
        String stored = column("J-1");
        assertThrows(StoreException.class, () -> store.transition("J-1", JobState.BACKUP,
                new StepRecord(JobState.FAILED, T0, "x"), r -> r));
        assertEquals(stored, column("J-1"), "a move must not overwrite what it cannot read");
    }

    /** As the older Uplift's JobWrites did: the row, its history, and the device's active-job row. */
    private void insertOldRow(String id, JobState state, Map<String, String> context, List<StepRecord> history)
            throws Exception {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO uplift_jobs (id, device_id, firmware_id,"
                    + " target_version, campaign_id, state, created_at, updated_at, context, owner, lease_until)"
                    + " VALUES (?, ?, 'fw-2.0.0', '2.0.0', NULL, ?, ?, ?, ?, NULL, NULL)")) {
                insert.setString(1, id);
                insert.setString(2, "dev-" + id);
                insert.setString(3, state.name());
                insert.setLong(4, T0.toEpochMilli());
                insert.setLong(5, T0.toEpochMilli());
                insert.setString(6, ContextCodec.encode(context));
                insert.executeUpdate();
            }
            for (int i = 0; i < history.size(); i++) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO uplift_job_history (job_id, seq, state, at, message) VALUES (?, ?, ?, ?, ?)")) {
                    insert.setString(1, id);
                    insert.setInt(2, i + 1);
                    insert.setString(3, history.get(i).state().name());
                    insert.setLong(4, history.get(i).at().toEpochMilli());
                    insert.setString(5, history.get(i).message());
                    insert.executeUpdate();
                }
            }
        }
        // as this Uplift opens a database the older one left (schema version 2): the later steps are applied to it
        try (Connection c = dataSource.getConnection(); Statement statement = c.createStatement()) {
            statement.executeUpdate("DELETE FROM uplift_schema_version WHERE version > 2");
        }
        store = new JdbcJobStore(dataSource, new MutableClock(T0));
    }

    private String column(String id) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT context FROM uplift_jobs WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
