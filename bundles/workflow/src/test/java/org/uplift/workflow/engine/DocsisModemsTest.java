package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.api.workflow.JobState.ABORTED;
import static org.uplift.api.workflow.JobState.AWAITING_DECISION;
import static org.uplift.api.workflow.JobState.DONE;
import static org.uplift.api.workflow.JobState.FAILED;
import static org.uplift.api.workflow.JobState.KEEP_OLD_VERSION;
import static org.uplift.api.workflow.JobState.PENDING;
import static org.uplift.api.workflow.JobState.ROLLBACK;
import static org.uplift.api.workflow.JobState.UPDATE;
import static org.uplift.api.workflow.JobState.VERIFY_ROLLBACK;
import static org.uplift.api.workflow.JobState.VERIFY_UPDATE;
import static org.uplift.simulator.Personality.DOCSIS;
import static org.uplift.simulator.ops.OpType.DOWNLOAD_FIRMWARE;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.Job;
import org.uplift.repository.testing.Configs;
import org.uplift.snmp.docsis.DocsisSoftwareDriver;

/**
 * Cable modems through DOCS-CABLE-DEVICE-MIB only, downloading over HTTP: a firmware-only plan (the
 * configuration comes from provisioning), a roll-back that downloads the old image again where it is
 * needed, and the modem's own faults (a failed download, an image that does not take, a download that
 * never ends, flash writes that silence it) as the workflow sees them.
 */
@Timeout(90)
class DocsisModemsTest extends HarnessTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private EngineHarness harness(Map<String, Object> workflow, String... faults) throws Exception {
        h = EngineHarness.speaking(dir, 1, EnumSet.of(DOCSIS), "docsis-sw");
        // the MIB cannot name the server's port: the driver is told the ones the modems use, the server's
        h.withDriver(new DocsisSoftwareDriver(Configs.of(DocsisSoftwareDriver.Config.class, Map.of("timeoutMillis", 300,
                "retries", 0, "tftpPort", h.tftpPort(), "httpPort", h.port(TransferProtocol.HTTP)))), "docsis-sw");
        h.inventory.put(new Device("iad-1", "127.0.0.1", h.sim(1).port(), SnmpCredentials.v2c("private"), "docsis-sw",
                TransferProtocol.HTTP));
        h.addFirmware("1.0.0", "1"); // a modem keeps no old version: a roll-back downloads this again
        h.addFirmware("2.0.0", "1");
        workflow.forEach(h::with);
        for (String fault : faults) {
            h.inject(1, fault);
        }
        h.startEngine();
        return h;
    }

    private String running() {
        return h.sim(1).status().runningVersion();
    }

    private List<?> downloads() {
        return h.sim(1).operationsStarted().getOrDefault(DOCSIS, List.of());
    }

    @Test
    void givenAModem_whenUpgradedOverHttp_thenAFirmwareOnlyPlanEndsDone() throws Exception {
        harness(Map.of());
        Job started = h.engine.start("iad-1", "2.0.0");
        assertTrue(started.plan().firmwareOnly(), started.plan().lines().toString());
        assertTrue(started.plan().lines().contains("UPDATE: docsis-sw downloads IAD-1000-2.0.0 over http"),
                started.plan().lines().toString());

        Job done = h.await(started.id(), WAIT, DONE, AWAITING_DECISION, ABORTED, FAILED);

        assertEquals(DONE, done.state(), done.history().toString());
        assertEquals(List.of(PENDING, KEEP_OLD_VERSION, UPDATE, VERIFY_UPDATE, DONE), EngineHarness.states(done));
        assertEquals(Map.of(DOCSIS, List.of(DOWNLOAD_FIRMWARE)), h.sim(1).operationsStarted());
        assertEquals("2.0.0", running());
    }

    @Test
    void givenAFailedDownload_whenRetriedAfterTheFaultIsGone_thenTheRollBackHasNothingToDoAndTheUpdateIsDone()
            throws Exception {
        harness(Map.of(), "download-fail");
        Job waiting = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, AWAITING_DECISION, DONE, ABORTED, FAILED);
        assertTrue(waiting.lastMessage().startsWith("UPDATE failed") && waiting.lastMessage().contains("failed(4)"),
                waiting.lastMessage());
        assertEquals("1.0.0", running());

        h.sim(1).clearFaults();
        h.engine.decide(waiting.id(), Decision.RETRY);
        Job done = h.await(waiting.id(), WAIT, DONE, AWAITING_DECISION, ABORTED, FAILED);

        assertEquals(DONE, done.state(), done.history().toString());
        List<?> states = EngineHarness.states(done);
        assertEquals(List.of(ROLLBACK, VERIFY_ROLLBACK, UPDATE, VERIFY_UPDATE, DONE),
                states.subList(states.size() - 5, states.size()), done.history().toString());
        assertEquals(List.of(DOWNLOAD_FIRMWARE, DOWNLOAD_FIRMWARE), downloads(),
                "the failed download and the retried one: the modem still ran 1.0.0, nothing to download back");
        assertEquals("2.0.0", running());
    }

    @Test
    void givenAModemThatComesBackOnItsOldImage_whenVerified_thenTheUpdateFailsAndAnAbortLeavesItOnTheOldImage()
            throws Exception {
        harness(Map.of(), "stays-old");
        Job waiting = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, AWAITING_DECISION, DONE, ABORTED, FAILED);
        assertTrue(waiting.lastMessage().startsWith("VERIFY_UPDATE failed") && waiting.lastMessage().contains(
                "runs 1.0.0, not 2.0.0"), waiting.lastMessage());

        h.engine.decide(waiting.id(), Decision.ABORT);
        Job ended = h.await(waiting.id(), WAIT, ABORTED, FAILED);

        assertEquals(ABORTED, ended.state(), ended.history().toString());
        assertEquals("device runs 1.0.0; job ended by decision", ended.lastMessage());
        assertEquals(List.of(DOWNLOAD_FIRMWARE), downloads(), "already on 1.0.0: nothing downloaded again");
        assertEquals("1.0.0", running());
    }

    @Test
    void givenAModemThatDidNotComeBack_whenAbortedOnceItRuns2_thenTheRollBackDownloadsTheOldImageAgain()
            throws Exception {
        harness(Map.of("rebootTimeoutSeconds", 3), "no-return");
        Job waiting = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, AWAITING_DECISION, DONE, ABORTED, FAILED);
        assertTrue(waiting.lastMessage().startsWith("VERIFY_UPDATE failed: time-out"), waiting.lastMessage());

        h.repair(1); // the modem boots the image it downloaded
        h.engine.decide(waiting.id(), Decision.ABORT);
        Job ended = h.await(waiting.id(), WAIT, ABORTED, FAILED);

        assertEquals(ABORTED, ended.state(), ended.history().toString());
        assertTrue(ended.history().stream().anyMatch(r -> r.message().contains("IAD-1000-1.0.0 downloaded again")),
                ended.history().toString());
        assertEquals(List.of(DOWNLOAD_FIRMWARE, DOWNLOAD_FIRMWARE), downloads());
        assertEquals("1.0.0", running());
    }

    @Test
    void givenADownloadThatNeverEnds_whenItsTimeOutPasses_thenTheJobAsksAndTheModemRunsItsOldImage() throws Exception {
        harness(Map.of("updateTimeoutSeconds", 2), "download-hang");
        Job waiting = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, AWAITING_DECISION, DONE, ABORTED, FAILED);
        assertTrue(waiting.lastMessage().startsWith("UPDATE failed: time-out") && waiting.lastMessage().contains(
                "last seen: RUNNING"), waiting.lastMessage());
        assertEquals("1.0.0", running());
    }

    @Test
    void givenAModemSilentWhileWritingFlash_whenItRebootsAfterwards_thenTheSilenceIsWaitedOut() throws Exception {
        harness(Map.of("rebootTimeoutSeconds", 20), "flash-silence:2");
        Job done = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, DONE, AWAITING_DECISION, ABORTED, FAILED);
        assertEquals(DONE, done.state(), done.history().toString());
        assertTrue(done.history().stream().anyMatch(r -> r.message().contains("restarted (sysUpTime went back)")),
                done.history().toString());
        assertFalse(done.history().stream().anyMatch(r -> r.state() == ROLLBACK), done.history().toString());
        assertEquals("2.0.0", running());
    }
}
