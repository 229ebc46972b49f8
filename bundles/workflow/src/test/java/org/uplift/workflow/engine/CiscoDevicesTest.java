package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.api.workflow.JobState.ABORTED;
import static org.uplift.api.workflow.JobState.AWAITING_DECISION;
import static org.uplift.api.workflow.JobState.DONE;
import static org.uplift.api.workflow.JobState.FAILED;
import static org.uplift.simulator.Personality.CISCO_CONFIG_COPY;
import static org.uplift.simulator.Personality.UPLIFT_IAD;
import static org.uplift.simulator.ops.OpType.BACKUP_CONFIG;
import static org.uplift.simulator.ops.OpType.DOWNLOAD_FIRMWARE;
import static org.uplift.simulator.ops.OpType.RESTORE_CONFIG;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DriverCapabilities;
import org.uplift.api.driver.Evidence;
import org.uplift.api.driver.OperationType;
import org.uplift.api.workflow.Job;
import org.uplift.repository.testing.Configs;
import org.uplift.snmp.cisco.CiscoConfigCopyDriver;
import org.uplift.snmp.cisco.CiscoConfigCopyMib;

/**
 * A Cisco device whose configuration goes through CISCO-CONFIG-COPY-MIB, which merges a file copied
 * into running-config as IOS does, and offers no configuration digest: the restore is verified by a
 * checking backup. Its software comes from another driver (UPLIFT-IAD-MIB's, declaring the download
 * only, so no digest or kept version is read through it).
 */
@Timeout(90)
class CiscoDevicesTest extends HarnessTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private EngineHarness harness(String... faults) throws Exception {
        h = EngineHarness.speaking(dir, 1, EnumSet.of(CISCO_CONFIG_COPY, UPLIFT_IAD), "cisco-config-copy,uplift-iad");
        // the MIB cannot name the server's port: the driver is told the one the devices use, the server's
        h.withDriver(new CiscoConfigCopyDriver(Configs.of(CiscoConfigCopyDriver.Config.class,
                Map.of("timeoutMillis", 300, "retries", 0, "tftpPort", h.tftpPort()))),
                "cisco-config-copy", CiscoConfigCopyMib.CISCO_PREFIX);
        h.withDriver(new DeclaringDriver(h.driver, new DriverCapabilities(EnumSet.of(OperationType.DOWNLOAD_FIRMWARE),
                EnumSet.noneOf(Evidence.class))), "download-only");
        h.inventory.put(new Device("iad-1", "127.0.0.1", h.sim(1).port(), SnmpCredentials.v2c("private"),
                "cisco-config-copy,download-only"));
        h.addFirmware("1.0.0", "1"); // the device keeps no readable old version: a roll-back downloads it again
        h.addFirmware("2.0.0", "1");
        for (String fault : faults) {
            h.inject(1, fault);
        }
        h.startEngine();
        return h;
    }

    @Test
    void givenAHealthyCiscoDevice_whenUpgraded_thenTheMergedRestoreIsVerifiedByACheckingBackup() throws Exception {
        harness();
        byte[] before = h.sim(1).runningConfig();

        Job job = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, DONE, AWAITING_DECISION, ABORTED, FAILED);

        assertEquals(DONE, job.state(), job.history().toString());
        assertTrue(
                job.lastMessage().matches("upgraded to 2\\.0\\.0; a checking backup \\(v\\d+\\) equals the one served "
                        + "\\(the device offers no configuration digest\\)"),
                job.lastMessage());
        assertEquals(Map.of(CISCO_CONFIG_COPY, List.of(BACKUP_CONFIG, RESTORE_CONFIG, BACKUP_CONFIG),
                UPLIFT_IAD, List.of(DOWNLOAD_FIRMWARE)), h.sim(1).operationsStarted());
        assertEquals("2.0.0", h.facts(1).runningVersion());
        assertEquals(text(before), text(h.sim(1).runningConfig()),
                "merging the backup into the same lines changes nothing");
    }

    @Test
    void givenNewSoftwareThatAddsALineOfItsOwn_whenTheBackupIsMergedBack_thenTheCheckingBackupShowsItAndTheJobAsks()
            throws Exception {
        harness("boot-adds-line");

        Job job = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, AWAITING_DECISION, DONE, ABORTED, FAILED);

        assertEquals(AWAITING_DECISION, job.state(), job.history().toString());
        // the device's line, its tab escaped: the merge left it, so the restore is not verified
        assertTrue(job.lastMessage().startsWith("VERIFY_RESTORE failed: the device's running configuration (checking "
                + "backup v")
                && job.lastMessage().endsWith(") is not the one served: '-banner.boot=welcome\\u0009to 2.0.0'"),
                job.lastMessage());
        assertEquals("2.0.0", h.facts(1).runningVersion());
        assertTrue(text(h.sim(1).runningConfig()).contains("banner.boot=welcome\tto 2.0.0\n"),
                "a file copied into running-config is merged, not replaced");
    }

    @Test
    void givenADeviceSlowToCreateItsCopyRows_whenUpgraded_thenTheMissingRowsAreWaitedFor() throws Exception {
        harness("slow-row:1500");

        Job job = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, DONE, AWAITING_DECISION, ABORTED, FAILED);

        assertEquals(DONE, job.state(), job.history().toString());
        assertFalse(job.history().stream().anyMatch(r -> r.message().contains("row is gone")),
                job.history().toString());
    }

    private static String text(byte[] config) {
        return new String(config, StandardCharsets.UTF_8);
    }
}
