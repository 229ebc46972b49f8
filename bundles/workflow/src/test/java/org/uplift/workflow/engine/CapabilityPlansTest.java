package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.api.driver.OperationType.BACKUP_CONFIG;
import static org.uplift.api.driver.OperationType.DOWNLOAD_FIRMWARE;
import static org.uplift.api.driver.OperationType.RESTORE_CONFIG;
import static org.uplift.api.workflow.JobState.ABORTED;
import static org.uplift.api.workflow.JobState.AWAITING_DECISION;
import static org.uplift.api.workflow.JobState.DONE;
import static org.uplift.api.workflow.JobState.FAILED;
import static org.uplift.api.workflow.JobState.KEEP_OLD_VERSION;
import static org.uplift.api.workflow.JobState.PENDING;
import static org.uplift.api.workflow.JobState.UPDATE;
import static org.uplift.api.workflow.JobState.VERIFY_UPDATE;
import static org.uplift.simulator.Personality.UPLIFT_IAD;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.DriverCapabilities;
import org.uplift.api.driver.Evidence;
import org.uplift.api.driver.OperationType;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.simulator.ops.OpType;

/**
 * Jobs planned from what a device's drivers declare: the same simulated device is driven through a
 * driver that declares less than UPLIFT-IAD-MIB offers (as a DOCSIS modem or a Cisco router would), so
 * the workflow must do without a configuration digest, a kept version, or configuration steps at all.
 */
@Timeout(90)
class CapabilityPlansTest extends HarnessTest {

    /** The simulated device behind a driver that declares only {@code operations} and {@code evidence}. */
    private EngineHarness harness(Set<OperationType> operations, Set<Evidence> evidence, String... faults)
            throws Exception {
        h = new EngineHarness(dir, 1, List.of(faults));
        h.withDriver(new DeclaringDriver(h.driver, new DriverCapabilities(operations, evidence)), "declaring");
        h.inventory.put(new Device("iad-1", "127.0.0.1", h.sim(1).port(), SnmpCredentials.v2c("private"), "declaring"));
        h.addFirmware("2.0.0", "1");
        h.startEngine();
        return h;
    }

    @Test
    void givenADriverThatOnlyDownloadsSoftware_whenTheOldImageIsMissing_thenTheJobIsRefusedBeforeTheDeviceIsTouched()
            throws Exception {
        harness(EnumSet.of(DOWNLOAD_FIRMWARE), EnumSet.of(Evidence.RUNNING_VERSION, Evidence.MODEL));
        UpgradeException e = assertThrows(UpgradeException.class, () -> h.engine.start("iad-1", "2.0.0"));
        assertEquals("device iad-1 not touched: it runs IAD-1000 1.0.0, which is not in the firmware catalogue, and "
                + "declaring cannot keep an old version to roll back to: add that image with uplift:firmware-add first",
                e.getMessage());
        assertEquals(Map.of(), h.sim(1).operationsStarted());
    }

    @Test
    void givenADriverThatOnlyDownloadsSoftware_whenUpgraded_thenTheJobIsAFirmwareOnlyPlan() throws Exception {
        harness(EnumSet.of(DOWNLOAD_FIRMWARE), EnumSet.of(Evidence.RUNNING_VERSION, Evidence.MODEL));
        h.addFirmware("1.0.0", "1");
        Job started = h.engine.start("iad-1", "2.0.0");
        assertTrue(started.plan().firmwareOnly(), started.plan().lines().toString());
        assertTrue(started.plan().lines().get(0).startsWith("skip BACKUP: the configuration comes from the device's "
                + "provisioning"), started.plan().lines().toString());
        assertTrue(started.plan().lines().contains("ROLLBACK: only if needed: declaring downloads IAD-1000-1.0.0 again "
                + "(kept in the catalogue while the job lives)"), started.plan().lines().toString());
        Job done = h.await(started.id(), WAIT, DONE, AWAITING_DECISION, FAILED);
        assertEquals(DONE, done.state(), done.history().toString());
        assertEquals(List.of(PENDING, KEEP_OLD_VERSION, UPDATE, VERIFY_UPDATE, DONE), EngineHarness.states(done));
        assertEquals(Map.of(UPLIFT_IAD, List.of(OpType.DOWNLOAD_FIRMWARE)), h.sim(1).operationsStarted());
        assertEquals("2.0.0", h.facts(1).runningVersion());
        assertEquals(started.plan(), h.engine.job(started.id()).orElseThrow().plan(),
                "the plan is stored with the job");
    }

    @Test
    void givenADeviceWithoutADigestObject_whenUpgraded_thenTheRestoreIsVerifiedByACheckingBackup() throws Exception {
        harness(EnumSet.of(BACKUP_CONFIG, RESTORE_CONFIG, DOWNLOAD_FIRMWARE),
                EnumSet.of(Evidence.RUNNING_VERSION, Evidence.MODEL, Evidence.CONFIG_FORMAT));
        h.addFirmware("1.0.0", "1");
        DeviceFacts before = h.facts(1);
        Job done = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, DONE, AWAITING_DECISION, FAILED);
        assertEquals(DONE, done.state(), done.history().toString());
        assertTrue(
                done.lastMessage().matches("upgraded to 2\\.0\\.0; a checking backup \\(v\\d+\\) equals the one served "
                        + "\\(the device offers no configuration digest\\)"),
                done.lastMessage());
        assertEquals(
                Map.of(UPLIFT_IAD,
                        List.of(OpType.BACKUP_CONFIG, OpType.DOWNLOAD_FIRMWARE, OpType.RESTORE_CONFIG,
                                OpType.BACKUP_CONFIG)),
                h.sim(1).operationsStarted());
        assertEquals(before.configDigest(), h.facts(1).configDigest());
    }

    @Test
    void givenADeviceWithoutADigestThatRunsAnotherConfiguration_whenTheRestoreIsVerified_thenTheCheckingBackupCatchesIt()
            throws Exception {
        harness(EnumSet.of(BACKUP_CONFIG, RESTORE_CONFIG, DOWNLOAD_FIRMWARE),
                EnumSet.of(Evidence.RUNNING_VERSION, Evidence.MODEL, Evidence.CONFIG_FORMAT), "1=restore-other");
        h.addFirmware("1.0.0", "1");
        Job waiting = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, AWAITING_DECISION, DONE);
        assertTrue(waiting.lastMessage()
                .startsWith("VERIFY_RESTORE failed: the device's running configuration (checking "
                        + "backup v")
                && waiting.lastMessage().contains("is not the one served: '-# a line the device added on its own'"),
                waiting.lastMessage());
    }

    @Test
    void givenADeviceThatKeepsNoOldVersion_whenTheOperatorAbortsAfterTheUpdate_thenTheOldImageIsDownloadedAgain_claim10()
            throws Exception {
        harness(EnumSet.of(BACKUP_CONFIG, RESTORE_CONFIG, DOWNLOAD_FIRMWARE),
                EnumSet.of(Evidence.RUNNING_VERSION, Evidence.MODEL, Evidence.CONFIG_FORMAT), "1=restore-fail:1");
        h.addFirmware("1.0.0", "1");
        DeviceFacts before = h.facts(1);
        Job waiting = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, AWAITING_DECISION, DONE);
        assertTrue(waiting.lastMessage().startsWith("RESTORE failed"), waiting.lastMessage());
        assertEquals("2.0.0", h.facts(1).runningVersion(), "the device left its old version");
        assertTrue(h.usage.firmwareInUse("IAD-1000-1.0.0"), "the old image is pinned while the job lives");
        h.engine.decide(waiting.id(), Decision.ABORT);
        Job ended = h.await(waiting.id(), WAIT, ABORTED, FAILED);
        assertEquals(ABORTED, ended.state(), ended.history().toString());
        assertTrue(ended.history().stream().anyMatch(r -> r.message().contains("IAD-1000-1.0.0 downloaded again")),
                ended.history().toString());
        assertTrue(ended.lastMessage().startsWith("device runs 1.0.0; a checking backup"), ended.lastMessage());
        assertEquals(
                List.of(OpType.BACKUP_CONFIG, OpType.DOWNLOAD_FIRMWARE, OpType.RESTORE_CONFIG, OpType.DOWNLOAD_FIRMWARE,
                        OpType.RESTORE_CONFIG, OpType.BACKUP_CONFIG),
                h.sim(1).operationsStarted().get(UPLIFT_IAD), "no ROLLBACK_FIRMWARE: the old image is served again");
        assertEquals("1.0.0", h.facts(1).runningVersion());
        assertEquals(before.configDigest(), h.facts(1).configDigest());
        assertFalse(h.usage.firmwareInUse("IAD-1000-1.0.0"), "released when the job ends");
    }

    @Test
    void givenADriverThatBacksUpButCannotRestore_whenAJobIsStarted_thenItIsRefusedNamingTheDriver() throws Exception {
        harness(EnumSet.of(BACKUP_CONFIG, DOWNLOAD_FIRMWARE), EnumSet.of(Evidence.RUNNING_VERSION, Evidence.MODEL));
        h.addFirmware("1.0.0", "1");
        UpgradeException e = assertThrows(UpgradeException.class, () -> h.engine.start("iad-1", "2.0.0"));
        assertEquals("device iad-1 not touched: driver declaring can back up its configuration but no driver can "
                + "restore it; name one that can with uplift:device-add --driver", e.getMessage());
    }

    @Test
    void givenADriverThatCannotReadTheRunningVersion_whenAJobIsStarted_thenItIsRefused() throws Exception {
        harness(EnumSet.of(DOWNLOAD_FIRMWARE), EnumSet.of(Evidence.MODEL));
        UpgradeException e = assertThrows(UpgradeException.class, () -> h.engine.start("iad-1", "2.0.0"));
        assertTrue(e.getMessage().contains("reads its running software version"), e.getMessage());
    }

    @Test
    void givenNoDriverThatReadsTheModel_whenAJobIsStarted_thenItIsRefusedSayingSo() throws Exception {
        harness(EnumSet.of(DOWNLOAD_FIRMWARE), EnumSet.of(Evidence.RUNNING_VERSION));
        UpgradeException e = assertThrows(UpgradeException.class, () -> h.engine.start("iad-1", "2.0.0"));
        assertEquals("device iad-1 not touched: none of its drivers (declaring) reads its model, so no firmware can be "
                + "chosen for it", e.getMessage());
    }
}
