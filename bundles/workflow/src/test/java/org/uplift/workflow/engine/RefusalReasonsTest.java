package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.api.workflow.JobState.ABORTED;
import static org.uplift.api.workflow.JobState.AWAITING_DECISION;
import static org.uplift.api.workflow.JobState.BACKUP;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.workflow.Decider;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeException.Reason;

/**
 * Issue 15 item 4: every refusal of the engine names its {@link Reason}, so REST and the shell map it without
 * reading the text or re-checking the engine's rules; "the device already has a job" is decided where the job is
 * stored, so two starts at once cannot both pass it.
 */
@Timeout(60)
class RefusalReasonsTest extends HarnessTest {

    @Test
    void givenADeviceNoInventoryKnows_whenStarted_thenUnknownDevice() throws Exception {
        oneIad();
        UpgradeException e = assertThrows(UpgradeException.class, () -> h.engine.start("nope-7", "2.0.0"));
        assertEquals(Reason.UNKNOWN_DEVICE, e.reason());
        assertEquals("unknown device 'nope-7': add it with uplift:device-add", e.getMessage());
    }

    @Test
    void givenAVersionNotInTheCatalogue_whenStarted_thenUnknownFirmware() throws Exception {
        oneIad();
        UpgradeException e = assertThrows(UpgradeException.class, () -> h.engine.start("iad-1", "9.9.9"));
        assertEquals(Reason.UNKNOWN_FIRMWARE, e.reason());
        assertTrue(e.getMessage().startsWith("no firmware 9.9.9 for model IAD-1000"), e.getMessage());
        assertTrue(h.engine.jobs().isEmpty());
    }

    @Test
    void givenADeviceThatDoesNotAnswer_whenStarted_thenDeviceUnreachable() throws Exception {
        oneIad();
        int silent;
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            silent = s.getLocalPort(); // bound and closed: nothing answers there
        }
        h.inventory.put(new Device("iad-9", "127.0.0.1", silent, SnmpCredentials.v2c("private"), null));
        UpgradeException e = assertThrows(UpgradeException.class, () -> h.engine.start("iad-9", "2.0.0"));
        assertEquals(Reason.DEVICE_UNREACHABLE, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("iad-9"), e.getMessage());
        assertTrue(h.engine.jobs().isEmpty());
    }

    @Test
    void givenTwoStartsForOneDeviceAtOnce_thenOneJobIsMadeAndTheOtherIsRefusedAsBusy() throws Exception {
        oneIad("1=backup-fail");
        CyclicBarrier together = new CyclicBarrier(2);
        List<Callable<Object>> starts = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            starts.add(() -> {
                together.await();
                try {
                    return h.engine.start("iad-1", "2.0.0");
                } catch (UpgradeException e) {
                    return e;
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Object> outcomes = new ArrayList<>();
        try {
            for (Future<Object> f : pool.invokeAll(starts)) {
                outcomes.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        List<Job> made = outcomes.stream().filter(Job.class::isInstance).map(Job.class::cast).toList();
        List<UpgradeException> refused = outcomes.stream().filter(UpgradeException.class::isInstance)
                .map(UpgradeException.class::cast).toList();
        assertEquals(1, made.size(), outcomes.toString());
        assertEquals(1, refused.size(), outcomes.toString());
        assertEquals(Reason.BUSY, refused.get(0).reason(), refused.get(0).getMessage());
        assertTrue(refused.get(0).getMessage().contains(made.get(0).id()), refused.get(0).getMessage());
        assertEquals(1, h.engine.jobs().size());
    }

    @Test
    void givenARunningJob_whenRetried_thenNotWaiting_andOnceEndedEveryDecisionIsNotWaiting() throws Exception {
        oneIad(Map.of("backupTimeoutSeconds", 600), "1=backup-hang");
        String id = h.engine.start("iad-1", "2.0.0").id();
        h.await(id, WAIT, BACKUP);

        UpgradeException running = assertThrows(UpgradeException.class, () -> h.engine.decide(id, Decision.RETRY));
        assertEquals(Reason.NOT_WAITING, running.reason(), running.getMessage());
        UpgradeException noPrompt = assertThrows(UpgradeException.class,
                () -> h.engine.decide(id, 1, Decision.ABORT, Decider.UNKNOWN));
        assertEquals(Reason.NOT_WAITING, noPrompt.reason(), noPrompt.getMessage());
        assertEquals(BACKUP, h.engine.job(id).orElseThrow().state(), "a refused decision changes nothing");

        assertEquals(ABORTED, h.engine.decide(id, Decision.ABORT).state());
        UpgradeException ended = assertThrows(UpgradeException.class, () -> h.engine.decide(id, Decision.ABORT));
        assertEquals(Reason.NOT_WAITING, ended.reason(), ended.getMessage());
    }

    @Test
    void givenAWaitingJob_whenItsPromptIsAnsweredTwice_thenTheSecondIsNotWaiting() throws Exception {
        oneIad("1=backup-fail");
        String id = h.engine.start("iad-1", "2.0.0").id();
        h.await(id, WAIT, AWAITING_DECISION);
        h.engine.decide(id, 1, Decision.ABORT, new Decider("alice", "shell"));

        UpgradeException e = assertThrows(UpgradeException.class,
                () -> h.engine.decide(id, 1, Decision.ABORT, new Decider("bob", "rest")));
        assertEquals(Reason.NOT_WAITING, e.reason(), e.getMessage());
    }

    @Test
    void givenNoSuchJob_whenDecided_thenUnknownJob() throws Exception {
        oneIad();
        UpgradeException e = assertThrows(UpgradeException.class, () -> h.engine.decide("nope", Decision.ABORT));
        assertEquals(Reason.UNKNOWN_JOB, e.reason());
    }

    @Test
    void givenNoMigrationToTheTargetsFormat_whenStarted_thenRefusedByPreflight() throws Exception {
        oneIad();
        h.addFirmware("7.0.0", "7");
        UpgradeException e = assertThrows(UpgradeException.class, () -> h.engine.start("iad-1", "7.0.0"));
        assertEquals(Reason.REFUSED_BY_PREFLIGHT, e.reason(), e.getMessage());
        assertTrue(h.engine.jobs().isEmpty());
    }
}
