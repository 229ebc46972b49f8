package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.api.workflow.JobState.ABORTED;
import static org.uplift.api.workflow.JobState.AWAITING_DECISION;
import static org.uplift.api.workflow.JobState.DONE;
import static org.uplift.api.workflow.JobState.FAILED;
import static org.uplift.api.workflow.JobState.KEEP_OLD_VERSION;
import static org.uplift.api.workflow.JobState.MIGRATE_CONFIG;
import static org.uplift.api.workflow.JobState.RESTORE;
import static org.uplift.api.workflow.JobState.ROLLBACK;
import static org.uplift.api.workflow.JobState.UPDATE;
import static org.uplift.api.workflow.JobState.VERIFY_RESTORE;
import static org.uplift.api.workflow.JobState.VERIFY_ROLLBACK;
import static org.uplift.api.workflow.JobState.VERIFY_UPDATE;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.repository.ConfigBackup;
import org.uplift.api.workflow.Decider;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;

/**
 * Jobs an older Uplift stored, with their context as {@code key=value} lines in a schema-version-2
 * database, taken up by this one on a real H2 store and a simulated device: each goes on with the
 * same facts (old version, backup, its format, the plan, the failed step) and ends as it would have.
 */
@Timeout(90)
class OldJobRowsResumeTest extends HarnessTest {

    private static final Instant T0 = Instant.parse("2025-11-03T09:00:00Z");
    /** The plan as the older Uplift encoded it: one escaped line per step. */
    private static final String PLAN = "plan=+BACKUP\\tuplift-iad over tftp, checked by the device's digest"
            + "\\n+UPDATE\\tuplift-iad, kept version read back\\n+RESTORE\\tuplift-iad, checked by digest\\n\n";

    private DeviceFacts before;
    private ConfigBackup backup;

    @BeforeEach
    void olderUpliftWasHere() throws Exception {
        h = new EngineHarness(dir, 1, List.of());
        h.addFirmware("2.0.0", "1");
        before = h.facts(1);
        // the backup the older Uplift took and verified before it stopped
        backup = h.backups.store("iad-1", h.sim(1).runningConfig(), before.runningVersion(), before.formatVersion());
        try (Connection c = h.dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM uplift_schema_version WHERE version > 2");
        }
    }

    @Test
    void givenAnOldRowAfterItsBackup_whenThisUpliftStarts_thenTheJobResumesWithTheSameFactsAndFinishes()
            throws Exception {
        String context = "backupFormat=" + before.formatVersion() + "\nbackupSha256=" + backup.sha256()
                + "\nbackupVersion=" + backup.version() + "\noldVersion=1.0.0\n" + PLAN + "policy=ask\n";
        insertOldJob("J-old-1", KEEP_OLD_VERSION, context, 0, List.of(JobState.PENDING, JobState.BACKUP,
                JobState.VERIFY_BACKUP, KEEP_OLD_VERSION), "backup v" + backup.version() + " stored");
        assertEquals(Set.of(backup.version()), h.usage.backupsInUse("iad-1"), "the old row's backup is in use");

        h.startEngine();
        Job done = h.await("J-old-1", WAIT, DONE, AWAITING_DECISION, ABORTED, FAILED);

        assertEquals(DONE, done.state(), done.history().toString());
        List<JobState> states = EngineHarness.states(done);
        assertEquals(List.of(KEEP_OLD_VERSION, UPDATE, VERIFY_UPDATE, MIGRATE_CONFIG, RESTORE, VERIFY_RESTORE, DONE),
                states.subList(states.indexOf(KEEP_OLD_VERSION), states.size()));
        assertTrue(done.history().stream().anyMatch(r -> r.state() == RESTORE
                && r.message().contains("format unchanged (" + before.formatVersion() + ")")),
                done.history().toString());
        assertEquals(List.of("BACKUP", "UPDATE", "RESTORE"), done.plan().steps().stream().map(s -> s.name()).toList());
        DeviceFacts after = h.facts(1);
        assertEquals("2.0.0", after.runningVersion());
        assertEquals("1.0.0", after.keptVersion(), "the old version the old row named");
        assertEquals(before.configDigest(), after.configDigest(), "the configuration of the old row's backup");
        assertTrue(column("J-old-1").startsWith("{\"schemaVersion\":1,"), "written back as a JSON document");
    }

    @Test
    void givenAnOldRowWaitingAfterAFailedUpdate_whenRetried_thenItRollsBackFirstAndFinishes() throws Exception {
        String context = "attempts.UPDATE=1\nbackupFormat=" + before.formatVersion() + "\nbackupSha256="
                + backup.sha256()
                + "\nbackupVersion=" + backup.version() + "\nfailedStep=UPDATE\noldVersion=1.0.0\n" + PLAN
                + "policy=ask\nreason=device iad-1 reports firmware download failed (noMemory)\n";
        insertOldJob("J-old-2", AWAITING_DECISION, context, 1, List.of(JobState.PENDING, JobState.BACKUP,
                JobState.VERIFY_BACKUP, KEEP_OLD_VERSION, UPDATE, AWAITING_DECISION), "UPDATE failed: noMemory");
        h.startEngine();

        h.engine.decide("J-old-2", 1, Decision.RETRY, Decider.UNKNOWN);
        Job done = h.await("J-old-2", WAIT, DONE, ABORTED, FAILED);

        assertEquals(DONE, done.state(), done.history().toString());
        List<JobState> states = EngineHarness.states(done);
        int rollback = states.indexOf(ROLLBACK);
        assertEquals(List.of(ROLLBACK, VERIFY_ROLLBACK, UPDATE, VERIFY_UPDATE, MIGRATE_CONFIG, RESTORE, VERIFY_RESTORE,
                DONE), states.subList(rollback, states.size()), done.history().toString());
        assertTrue(done.history().get(rollback).message().startsWith("retry the update"), done.history().toString());
        assertTrue(done.history().stream().noneMatch(r -> r.message().contains("resumed on node")),
                "taken up right after the decision, not resumed: " + done.history());
        assertEquals("2.0.0", h.facts(1).runningVersion());
        assertEquals(before.configDigest(), h.facts(1).configDigest());
    }

    /** The rows as the older Uplift's store wrote them (schema version 2, context as key=value lines). */
    private void insertOldJob(String id, JobState state, String context, int prompt, List<JobState> path, String last)
            throws Exception {
        try (Connection c = h.dataSource.getConnection()) {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO uplift_jobs (id, device_id, firmware_id,"
                    + " target_version, campaign_id, state, created_at, updated_at, context, owner, lease_until, prompt)"
                    + " VALUES (?, 'iad-1', ?, '2.0.0', NULL, ?, ?, ?, ?, NULL, NULL, ?)")) {
                insert.setString(1, id);
                insert.setString(2, h.catalog.find("IAD-1000", "2.0.0").orElseThrow().id());
                insert.setString(3, state.name());
                insert.setLong(4, T0.toEpochMilli());
                insert.setLong(5, T0.plusSeconds(path.size()).toEpochMilli());
                insert.setString(6, context);
                insert.setInt(7, prompt);
                insert.executeUpdate();
            }
            for (int i = 0; i < path.size(); i++) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO uplift_job_history (job_id, seq, state, at, message) VALUES (?, ?, ?, ?, ?)")) {
                    insert.setString(1, id);
                    insert.setInt(2, i + 1);
                    insert.setString(3, path.get(i).name());
                    insert.setLong(4, T0.plusSeconds(i).toEpochMilli());
                    insert.setString(5, i == path.size() - 1 ? last : "step " + path.get(i) + " (older Uplift)");
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO uplift_active_device (device_id, job_id) VALUES ('iad-1', ?)")) {
                insert.setString(1, id);
                insert.executeUpdate();
            }
        }
    }

    private String column(String id) throws Exception {
        try (Connection c = h.dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT context FROM uplift_jobs WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }
}
