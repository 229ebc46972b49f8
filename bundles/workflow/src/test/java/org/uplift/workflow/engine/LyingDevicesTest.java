package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.api.workflow.JobState.ABORTED;
import static org.uplift.api.workflow.JobState.AWAITING_DECISION;
import static org.uplift.api.workflow.JobState.DONE;
import static org.uplift.api.workflow.JobState.FAILED;
import static org.uplift.api.workflow.JobState.RESTORE;
import static org.uplift.api.workflow.JobState.UPDATE;

import java.util.Collections;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.Job;

/**
 * Devices that lie or stumble, as the simulator's faults make them: each of the server's own checks
 * catches a lie (these tests fail if the check is deleted from {@code Steps}), and a device that is
 * merely slow, silent without rebooting, rebooting twice or near sysUpTime's wrap is waited out. Each
 * test asserts the job's end, the device's version and configuration, and what the history says.
 */
@Timeout(90)
class LyingDevicesTest extends HarnessTest {

    /** The job stops in the given failed step, the device still runs its old software and configuration. */
    private Job stopsBeforeTheUpdate(String fault, String expected) throws Exception {
        oneIad(Map.of(), "1=" + fault);
        DeviceFacts before = h.facts(1);
        Job waiting = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, AWAITING_DECISION, DONE);
        assertTrue(waiting.lastMessage().startsWith("VERIFY_BACKUP failed") && waiting.lastMessage().contains(expected),
                waiting.lastMessage());
        h.engine.decide(waiting.id(), Decision.ABORT);
        Job ended = h.await(waiting.id(), WAIT, ABORTED, FAILED);
        assertEquals(ABORTED, ended.state());
        assertFalse(EngineHarness.states(ended).contains(UPDATE), "the software was never touched");
        DeviceFacts after = h.facts(1);
        assertEquals("1.0.0", after.runningVersion());
        assertEquals(before.configDigest(), after.configDigest());
        return ended;
    }

    @Test
    void givenADeviceThatUploadsATruncatedBackup_whenVerified_thenTheDigestCatchesIt() throws Exception {
        stopsBeforeTheUpdate("backup-truncated", "differs from the device's running configuration");
    }

    @Test
    void givenADeviceThatUploadsAnotherConfiguration_whenVerified_thenTheDigestCatchesIt() throws Exception {
        stopsBeforeTheUpdate("backup-stale", "differs from the device's running configuration");
    }

    @Test
    void givenADeviceThatReportsABackupItNeverSent_whenVerified_thenTheServerSawNoCompleteFile() throws Exception {
        stopsBeforeTheUpdate("backup-no-upload", "the server received no complete file");
    }

    @Test
    void givenADeviceThatComesBackOnItsOldVersion_whenVerified_thenTheUpdateFailsAndAnAbortLeavesItAsItWas()
            throws Exception {
        oneIad(Map.of(), "1=stays-old");
        DeviceFacts before = h.facts(1);
        Job waiting = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, AWAITING_DECISION, DONE);
        assertTrue(waiting.lastMessage().startsWith("VERIFY_UPDATE failed") && waiting.lastMessage().contains(
                "runs 1.0.0, not 2.0.0"), waiting.lastMessage());
        h.engine.decide(waiting.id(), Decision.ABORT);
        Job ended = h.await(waiting.id(), WAIT, ABORTED, FAILED);
        assertEquals(ABORTED, ended.state(), ended.history().toString());
        assertEquals("1.0.0", h.facts(1).runningVersion());
        assertEquals(before.configDigest(), h.facts(1).configDigest());
    }

    @Test
    void givenADeviceThatKeepsNoOldVersion_whenVerified_thenTheUpdateFailsAndTheFailedRollBackAsksForAPerson()
            throws Exception {
        oneIad(Map.of(), "1=keep-none");
        Job waiting = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, AWAITING_DECISION, DONE);
        assertTrue(waiting.lastMessage().startsWith("VERIFY_UPDATE failed") && waiting.lastMessage().contains(
                "keeps '' instead of the old version 1.0.0"), waiting.lastMessage());
        h.engine.decide(waiting.id(), Decision.ABORT);
        Job ended = h.await(waiting.id(), WAIT, FAILED, ABORTED);
        assertEquals(FAILED, ended.state(), ended.history().toString());
        assertTrue(ended.lastMessage().contains("manual action needed"), ended.lastMessage());
        assertEquals("2.0.0", h.facts(1).runningVersion(), "the device could not go back: it runs the new software");
    }

    @Test
    void givenADeviceThatRunsAnotherConfigurationThanTheOneRestored_whenVerified_thenTheDigestCatchesIt()
            throws Exception {
        oneIad(Map.of(), "1=restore-other");
        Job waiting = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, AWAITING_DECISION, DONE);
        assertTrue(waiting.lastMessage().startsWith("VERIFY_RESTORE failed") && waiting.lastMessage().contains(
                "is not the one served"), waiting.lastMessage());
        h.sim(1).clearFaults();
        h.engine.decide(waiting.id(), Decision.RETRY);
        Job done = h.await(waiting.id(), WAIT, DONE, AWAITING_DECISION, FAILED);
        assertEquals(DONE, done.state(), done.history().toString());
        assertEquals(h.backups.latest("iad-1").orElseThrow().sha256(), h.facts(1).configDigest());
    }

    @Test
    void givenAFailedRestore_whenTheOperatorRetriesIt_thenOnlyTheRestoreRunsAgain_claim14() throws Exception {
        oneIad(Map.of(), "1=restore-fail:1");
        Job waiting = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, AWAITING_DECISION, DONE);
        assertTrue(waiting.lastMessage().startsWith("RESTORE failed"), waiting.lastMessage());
        h.engine.decide(waiting.id(), Decision.RETRY);
        Job done = h.await(waiting.id(), WAIT, DONE, AWAITING_DECISION, FAILED);
        assertEquals(DONE, done.state(), done.history().toString());
        assertEquals(2, Collections.frequency(EngineHarness.states(done), RESTORE));
        assertEquals(1, Collections.frequency(EngineHarness.states(done), UPDATE), "the software is not loaded again");
        assertEquals("2.0.0", h.facts(1).runningVersion());
    }

    @Test
    void givenADownloadThatNeverEnds_whenItsTimeOutPasses_thenTheJobAsks_claim8() throws Exception {
        oneIad(Map.of("updateTimeoutSeconds", 2), "1=download-hang");
        Job waiting = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, AWAITING_DECISION, DONE);
        assertTrue(waiting.lastMessage().startsWith("UPDATE failed") && waiting.lastMessage().contains("time-out"),
                waiting.lastMessage());
        assertEquals("1.0.0", h.facts(1).runningVersion());
    }

    @Test
    void givenARestoreThatNeverEnds_whenItsTimeOutPasses_thenTheJobAsks_claim13() throws Exception {
        oneIad(Map.of("restoreTimeoutSeconds", 2), "1=restore-hang");
        Job waiting = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, AWAITING_DECISION, DONE);
        assertTrue(waiting.lastMessage().startsWith("RESTORE failed") && waiting.lastMessage().contains("time-out"),
                waiting.lastMessage());
        assertEquals("2.0.0", h.facts(1).runningVersion(), "the restore comes after the update");
    }

    @Test
    void givenADeviceSilentWhileWritingFlash_whenItRebootsAfterwards_thenTheSilenceIsNotTakenForTheReboot()
            throws Exception {
        oneIad(Map.of("rebootTimeoutSeconds", 20), "1=flash-silence:3");
        Job done = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, DONE, AWAITING_DECISION, FAILED);
        assertEquals(DONE, done.state(), done.history().toString());
        assertTrue(done.history().stream().anyMatch(r -> r.message().contains("restarted (sysUpTime went back)")
                && r.message().contains("silent for up to")), done.history().toString());
        assertEquals("2.0.0", h.facts(1).runningVersion());
    }

    @Test
    void givenADeviceThatRebootsTwiceAfterLoading_whenUpgraded_thenTheSecondRebootIsWaitedOutBeforeTheRestore()
            throws Exception {
        oneIad(Map.of("rebootSettleMillis", 2500, "rebootTimeoutSeconds", 20), "1=double-reboot");
        DeviceFacts before = h.facts(1);
        Job done = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, DONE, AWAITING_DECISION, FAILED);
        assertEquals(DONE, done.state(), done.history().toString());
        assertTrue(done.history().stream().anyMatch(r -> r.message().contains("restarted 2 times")),
                done.history().toString());
        assertEquals(before.configDigest(), h.facts(1).configDigest());
    }

    @Test
    void givenADeviceSlowToCreateItsOperationRows_whenUpgraded_thenTheMissingRowIsWaitedForNotTakenForALostOne()
            throws Exception {
        oneIad(Map.of("pollIntervalMillis", 100), "1=slow-row:1500");
        DeviceFacts before = h.facts(1);
        Job done = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, DONE, AWAITING_DECISION, FAILED);
        assertEquals(DONE, done.state(), done.history().toString());
        // the download expects a reboot: a row taken for gone would skip to the verification at once
        assertFalse(done.history().stream().anyMatch(r -> r.message().contains("row is gone")),
                done.history().toString());
        assertEquals("2.0.0", h.facts(1).runningVersion());
        assertEquals(before.configDigest(), h.facts(1).configDigest());
    }

    @Test
    void givenADeviceWhoseSysUpTimeWrapsDuringTheJob_whenUpgraded_thenTheWrapIsNotTakenForAReboot() throws Exception {
        oneIad(Map.of("rebootTimeoutSeconds", 20), "1=uptime-wrap:2", "1=flash-silence:4");
        Job done = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, DONE, AWAITING_DECISION, FAILED);
        assertEquals(DONE, done.state(), done.history().toString());
        assertEquals("2.0.0", h.facts(1).runningVersion());
    }
}
