package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.api.workflow.JobState.ABORTED;
import static org.uplift.api.workflow.JobState.AWAITING_DECISION;
import static org.uplift.api.workflow.JobState.BACKUP;
import static org.uplift.api.workflow.JobState.DONE;
import static org.uplift.api.workflow.JobState.MIGRATE_CONFIG;
import static org.uplift.api.workflow.JobState.RESTORE;
import static org.uplift.api.workflow.JobState.ROLLBACK;
import static org.uplift.api.workflow.JobState.UPDATE;
import static org.uplift.api.workflow.JobState.VERIFY_ROLLBACK;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.StepRecord;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.migration.ChainingMigrationServiceAccess;

/**
 * Every branch of the workflow (docs/design.md#verify-backup to #config-migration) against a simulated IAD with an injected
 * fault, over real SNMP and TFTP on loopback, with jobs in an H2 store. Each test asserts the final
 * state, the device's final version and configuration, and the history.
 */
@Timeout(60)
class UpgradeBranchesTest extends HarnessTest {

    @Test
    void givenAHealthyDevice_whenUpgraded_thenItRunsTheTargetWithItsConfigurationRestored_claim1() throws Exception {
        oneIad();
        DeviceFacts before = h.facts(1);
        Job job = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, DONE, AWAITING_DECISION, ABORTED);
        assertEquals(DONE, job.state(), job.history().toString());
        assertEquals(List.of(JobState.PENDING, BACKUP, JobState.VERIFY_BACKUP, JobState.KEEP_OLD_VERSION, UPDATE,
                JobState.VERIFY_UPDATE, MIGRATE_CONFIG, RESTORE, JobState.VERIFY_RESTORE, DONE),
                EngineHarness.states(job));
        DeviceFacts after = h.facts(1);
        assertEquals("2.0.0", after.runningVersion());
        assertEquals("1.0.0", after.keptVersion());
        assertEquals(before.configDigest(), after.configDigest());
        assertEquals(before.configDigest(), h.backups.latest("iad-1").orElseThrow().sha256());
    }

    @Test
    void givenABackupFailureMessage_whenTheOperatorRetries_thenTheBackupRunsAgainAndTheJobFinishes_claims2to4()
            throws Exception {
        oneIad("1=backup-fail");
        String id = h.engine.start("iad-1", "2.0.0").id();
        Job waiting = h.await(id, WAIT, AWAITING_DECISION, DONE);
        assertEquals(AWAITING_DECISION, waiting.state());
        assertTrue(waiting.lastMessage().startsWith("BACKUP failed: device iad-1 reports configuration backup failed"),
                waiting.lastMessage());
        h.sim(1).clearFaults();
        h.engine.decide(id, Decision.RETRY);
        Job done = h.await(id, WAIT, DONE, AWAITING_DECISION);
        assertEquals(DONE, done.state(), done.history().toString());
        assertEquals(2, Collections.frequency(EngineHarness.states(done), BACKUP));
    }

    @Test
    void givenDevicesThatSendCompletionNotifications_whenABackupFails_thenTheFailureMessageArrivesAsANotification_claim3()
            throws Exception {
        h = new EngineHarness(dir, 1, List.of("1=backup-fail"), EngineHarness.h2(dir), true);
        h.addFirmware("2.0.0", "1");
        h.startEngine();
        Job waiting = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, AWAITING_DECISION, DONE);
        assertTrue(waiting.lastMessage().contains("(notification "), waiting.lastMessage());
        h.sim(1).clearFaults();
        h.engine.decide(waiting.id(), Decision.RETRY);
        Job done = h.await(waiting.id(), WAIT, DONE, AWAITING_DECISION);
        assertEquals(DONE, done.state(), done.history().toString());
        assertTrue(done.history().stream().anyMatch(r -> r.message().contains("backup successful (notification")),
                done.history().toString());
    }

    @Test
    void givenDevicesThatSendColdStart_whenTheUpdateRestartsOne_thenItIsReadAtOnceNotAtTheNextPoll() throws Exception {
        h = new EngineHarness(dir, 1, List.of(), EngineHarness.h2(dir), true);
        // polls 5 s apart: the device, back about 1.3 s after its update, would be seen at 5 s by polling alone
        h.with("pollIntervalMillis", 5_000);
        h.addFirmware("2.0.0", "1");
        h.startEngine();
        Job done = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, DONE, AWAITING_DECISION);
        assertEquals(DONE, done.state(), done.history().toString());
        StepRecord verified = done.history().stream().filter(r -> r.message().contains("restarted")).findFirst()
                .orElseThrow();
        assertTrue(verified.message().contains("read at once on its restart notification"), verified.message());
        assertEquals("2.0.0", h.facts(1).runningVersion());
    }

    @Test
    void givenABackupThatNeverFinishes_whenTheTimeOutPassesAndTheOperatorAborts_thenTheDeviceIsUntouched_claim3()
            throws Exception {
        oneIad(Map.of("backupTimeoutSeconds", 2), "1=backup-hang");
        DeviceFacts before = h.facts(1);
        String id = h.engine.start("iad-1", "2.0.0").id();
        Job waiting = h.await(id, WAIT, AWAITING_DECISION, DONE);
        assertTrue(waiting.lastMessage().contains("time-out"), waiting.lastMessage());
        h.engine.decide(id, Decision.ABORT);
        Job ended = h.await(id, WAIT, ABORTED, JobState.FAILED);
        assertEquals(ABORTED, ended.state());
        assertFalse(EngineHarness.states(ended).contains(UPDATE));
        assertEquals("1.0.0", h.facts(1).runningVersion());
        assertEquals(before.configDigest(), h.facts(1).configDigest());
    }

    @Test
    void givenAFailedDownload_whenRetried_thenTheDeviceIsRolledBackBeforeTheUpdateIsRetried_claims7to10()
            throws Exception {
        oneIad("1=download-fail:noMemory");
        String id = h.engine.start("iad-1", "2.0.0").id();
        Job waiting = h.await(id, WAIT, AWAITING_DECISION, DONE);
        assertTrue(waiting.lastMessage().startsWith("UPDATE failed") && waiting.lastMessage().contains("noMemory"),
                waiting.lastMessage());
        h.sim(1).clearFaults();
        h.engine.decide(id, Decision.RETRY);
        Job done = h.await(id, WAIT, DONE, AWAITING_DECISION, ABORTED, JobState.FAILED);
        assertEquals(DONE, done.state(), done.history().toString());
        List<JobState> states = EngineHarness.states(done);
        int rollback = states.indexOf(ROLLBACK);
        assertTrue(rollback > 0 && states.get(rollback + 1) == VERIFY_ROLLBACK && states.get(rollback + 2) == UPDATE,
                states.toString());
        assertEquals("2.0.0", h.facts(1).runningVersion());
    }

    @Test
    void givenADeviceThatDoesNotComeBackAfterLoading_whenTheOperatorAborts_thenItIsReturnedToItsOldVersion_claim10()
            throws Exception {
        oneIad(Map.of("rebootTimeoutSeconds", 3), "1=no-return");
        DeviceFacts before = h.facts(1);
        String id = h.engine.start("iad-1", "2.0.0").id();
        Job waiting = h.await(id, WAIT, AWAITING_DECISION, DONE);
        assertTrue(waiting.lastMessage().startsWith("VERIFY_UPDATE failed: time-out"), waiting.lastMessage());
        h.repair(1); // the device finally boots (the new software)
        h.engine.decide(id, Decision.ABORT);
        Job ended = h.await(id, WAIT, ABORTED, JobState.FAILED);
        assertEquals(ABORTED, ended.state(), ended.history().toString());
        DeviceFacts after = h.facts(1);
        assertEquals("1.0.0", after.runningVersion());
        assertEquals(before.configDigest(), after.configDigest(), "its old configuration, verified");
    }

    @Test
    void givenARestoreThatFailsOnce_whenThePolicyRetries_thenTheJobFinishesWithoutTheOperator_claims12to14()
            throws Exception {
        oneIad("1=restore-fail:1");
        String id = h.engine.start("iad-1", "2.0.0", RetryPolicy.parse("retry:2")).id();
        // the policy's retry passes through AWAITING_DECISION: wait for an end
        Job done = h.await(id, WAIT, DONE, ABORTED, JobState.FAILED);
        assertEquals(DONE, done.state(), done.history().toString());
        assertTrue(
                done.history().stream().anyMatch(r -> r.state() == RESTORE && r.message().contains("policy retry:2")),
                done.history().toString());
        assertEquals(2, Collections.frequency(EngineHarness.states(done), AWAITING_DECISION) + 1);
    }

    @Test
    void givenAnAbortWhoseRollBackFailed_whenTheOperatorRetriesTheRollBack_thenTheJobEndsOnTheOldVersion()
            throws Exception {
        oneIad("1=reject-config");
        DeviceFacts before = h.facts(1);
        String id = h.engine.start("iad-1", "2.0.0").id();
        assertTrue(h.await(id, WAIT, AWAITING_DECISION, DONE).lastMessage().startsWith("RESTORE failed"));
        h.inject(1, "silent"); // unreachable when the roll-back begins
        h.engine.decide(id, Decision.ABORT);
        Job rollbackFailed = h.await(id, WAIT, AWAITING_DECISION, ABORTED, JobState.FAILED);
        assertTrue(rollbackFailed.lastMessage().startsWith("ROLLBACK failed"), rollbackFailed.lastMessage());
        h.sim(1).clearFaults();

        h.engine.decide(id, Decision.RETRY);

        Job ended = h.await(id, WAIT, ABORTED, DONE, JobState.FAILED);
        assertEquals(ABORTED, ended.state(), ended.history().toString());
        List<JobState> states = EngineHarness.states(ended);
        assertEquals(1, Collections.frequency(states, UPDATE),
                "the abort is not turned into a second update: " + states);
        assertTrue(
                ended.history().stream().anyMatch(r -> r.message().startsWith("retry the roll-back, then end the job")),
                ended.history().toString());
        assertEquals("1.0.0", h.facts(1).runningVersion());
        assertEquals(before.configDigest(), h.facts(1).configDigest());
    }

    @Test
    void givenASoftwareThatRejectsTheConfiguration_whenThePolicyAborts_thenTheDeviceIsBackOnItsOldVersionAndConfiguration()
            throws Exception {
        oneIad("1=reject-config");
        DeviceFacts before = h.facts(1);
        String id = h.engine.start("iad-1", "2.0.0", RetryPolicy.parse("abort")).id();
        Job ended = h.await(id, WAIT, ABORTED, JobState.FAILED, DONE);
        assertEquals(ABORTED, ended.state(), ended.history().toString());
        assertTrue(ended.history().stream().anyMatch(r -> r.message().contains("formatRejected")),
                ended.history().toString());
        DeviceFacts after = h.facts(1);
        assertEquals("1.0.0", after.runningVersion());
        assertEquals(before.configDigest(), after.configDigest());
    }

    @Test
    void givenSoftwareThatUsesFormat3_whenUpgradedFromFormat1_thenTheConfigurationComesBackMigratedAndAccepted_claim16()
            throws Exception {
        oneIad();
        h.addFirmware("3.0.0", "3");
        String id = h.engine.start("iad-1", "3.0.0").id();
        Job done = h.await(id, WAIT, DONE, AWAITING_DECISION);
        assertEquals(DONE, done.state(), done.history().toString());
        String running = new String(h.sim(1).runningConfig(), StandardCharsets.UTF_8);
        assertTrue(running.contains("format=3") && running.contains("subscriber.1.name=subscriber-0001")
                && running.contains("register-interval-ms=3600000") && running.contains("port.1.name=fxs-0/1"),
                running);
        assertTrue(done.history().stream().anyMatch(r -> r.message().contains("migrated from format 1 to 3")));
        assertEquals("1", h.backups.latest("iad-1").orElseThrow().formatVersion(), "the original backup is kept");
    }

    @Test
    void givenAMigratorThatThrows_whenTheBackupIsVerified_thenTheJobStopsWhileTheDeviceStillRunsItsOldSoftware()
            throws Exception {
        oneIad();
        ChainingMigrationServiceAccess.replaceMigrator(h.migrations, "IAD-1000", "1", "9", in -> {
            throw new IllegalStateException("broken migrator");
        });
        h.addFirmware("9.0.0", "9");
        String id = h.engine.start("iad-1", "9.0.0").id();
        Job waiting = h.await(id, WAIT, AWAITING_DECISION, DONE);
        assertTrue(waiting.lastMessage().startsWith("VERIFY_BACKUP failed")
                && waiting.lastMessage().contains("broken migrator")
                && waiting.lastMessage().contains("still runs its old software"), waiting.lastMessage());
        assertFalse(EngineHarness.states(waiting).contains(UPDATE), "the device's software is not touched");
        assertEquals("1.0.0", h.facts(1).runningVersion(), "the device still runs its old software");
        var backup = h.backups.latest("iad-1").orElseThrow();
        assertEquals(backup.sha256(), Digests.sha256(h.backups.read("iad-1", backup.version())));
    }

    @Test
    void givenAJobWaitingAfterItsBackup_whenTheRepositoryAsks_thenItsImageAndBackupAreInUseUntilItEnds()
            throws Exception {
        oneIad("1=download-fail");
        String id = h.engine.start("iad-1", "2.0.0").id();
        h.await(id, WAIT, AWAITING_DECISION);
        JobRepositoryUsage usage = h.usage;
        int backup = h.backups.latest("iad-1").orElseThrow().version();
        assertTrue(usage.firmwareInUse("IAD-1000-2.0.0"));
        assertEquals(Set.of(backup), usage.backupsInUse("iad-1"));
        org.uplift.api.repository.RepositoryException refused = assertThrows(
                org.uplift.api.repository.RepositoryException.class, () -> h.catalog.remove("IAD-1000-2.0.0"));
        assertTrue(refused.getMessage().contains("IAD-1000-2.0.0"), refused.getMessage());
        h.engine.decide(id, Decision.ABORT);
        h.await(id, WAIT, ABORTED);
        assertFalse(usage.firmwareInUse("IAD-1000-2.0.0"));
        assertTrue(usage.backupsInUse("iad-1").isEmpty());
    }

    @Test
    void givenNoMigrationToTheNewSoftwaresFormat_whenAJobIsStarted_thenItIsRefusedBeforeTheDeviceIsTouched()
            throws Exception {
        oneIad();
        h.addFirmware("7.0.0", "7");
        UpgradeException e = assertThrows(UpgradeException.class, () -> h.engine.start("iad-1", "7.0.0"));
        assertEquals(
                "device iad-1 not touched: IAD-1000-7.0.0 reads configuration format 7, the device's is in format 1,"
                        + " and no migration for model IAD-1000 from configuration format 1 to 7; registered: "
                        + "[IAD-1000: 1 -> 2, IAD-1000: 2 -> 3]",
                e.getMessage());
        assertEquals(UpgradeException.Reason.REFUSED_BY_PREFLIGHT, e.reason());
        assertTrue(h.engine.jobs().isEmpty());
        assertTrue(h.backups.history("iad-1").isEmpty(), "no backup was even taken");
        assertEquals("1.0.0", h.facts(1).runningVersion());
    }

    @Test
    void givenAJobStuckInABackupThatNeverEnds_whenTheOperatorAborts_thenItEndsAtOnceWithTheDeviceUntouched()
            throws Exception {
        oneIad(Map.of("backupTimeoutSeconds", 600), "1=backup-hang");
        String id = h.engine.start("iad-1", "2.0.0").id();
        h.await(id, WAIT, BACKUP);
        Thread.sleep(500);
        Job ended = h.engine.decide(id, Decision.ABORT);
        assertEquals(ABORTED, ended.state(), ended.history().toString());
        assertTrue(ended.history().stream().anyMatch(r -> r.message().equals("BACKUP stopped by the operator")),
                ended.history().toString());
        assertEquals("1.0.0", h.facts(1).runningVersion());
    }

    @Test
    void givenAJobWaitingForADecision_whenDecidedTwice_thenTheSecondIsRefused() throws Exception {
        oneIad("1=backup-fail");
        String id = h.engine.start("iad-1", "2.0.0").id();
        h.await(id, WAIT, AWAITING_DECISION);
        h.engine.decide(id, Decision.ABORT);
        UpgradeException e = assertThrows(UpgradeException.class, () -> h.engine.decide(id, Decision.RETRY));
        assertTrue(e.getMessage().contains("not waiting for a decision"), e.getMessage());
        assertEquals(UpgradeException.Reason.NOT_WAITING, e.reason());
    }

    @Test
    void givenADeviceWithAJob_whenASecondIsStarted_thenItIsRefused() throws Exception {
        oneIad("1=backup-fail");
        String id = h.engine.start("iad-1", "2.0.0").id();
        h.await(id, WAIT, AWAITING_DECISION);
        UpgradeException e = assertThrows(UpgradeException.class, () -> h.engine.start("iad-1", "2.0.0"));
        assertTrue(e.getMessage().contains(id) || e.getMessage().contains("iad-1"), e.getMessage());
        assertEquals(UpgradeException.Reason.BUSY, e.reason());
    }

    @Test
    void givenUpliftStopsMidUpdate_whenItStartsAgain_thenTheJobResumesAndFinishes() throws Exception {
        oneIad();
        String id = h.engine.start("iad-1", "2.0.0").id();
        h.await(id, WAIT, JobState.VERIFY_UPDATE, MIGRATE_CONFIG, RESTORE);
        h.stopEngine();
        Job stopped = h.engine.job(id).orElseThrow();
        assertFalse(stopped.state().terminal(), stopped.toString());
        h.startEngine();
        Job done = h.await(id, WAIT, DONE, AWAITING_DECISION);
        assertEquals(DONE, done.state(), done.history().toString());
        assertEquals("2.0.0", h.facts(1).runningVersion());
    }
}
