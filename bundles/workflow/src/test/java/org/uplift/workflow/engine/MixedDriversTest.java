package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.workflow.Job;
import org.uplift.repository.testing.Configs;
import org.uplift.snmp.cisco.CiscoConfigCopyDriver;
import org.uplift.snmp.cisco.CiscoConfigCopyMib;

/**
 * Issue 4: a device may use one driver for its configuration and another for its software, as real
 * equipment does. The simulated device speaks both CISCO-CONFIG-COPY-MIB and UPLIFT-IAD-MIB; the
 * inventory's order of its drivers decides, per operation, which MIB commands it. The simulator
 * counts the operations started through each MIB.
 */
@Timeout(60)
class MixedDriversTest extends HarnessTest {

    private EngineHarness harness(String drivers) throws Exception {
        h = EngineHarness.speaking(dir, 1, EnumSet.of(CISCO_CONFIG_COPY, UPLIFT_IAD), drivers);
        // the MIB cannot name the server's port: the driver is told the port the devices use, the server's
        h.withDriver(new CiscoConfigCopyDriver(Configs.of(CiscoConfigCopyDriver.Config.class,
                Map.of("timeoutMillis", 300, "retries", 0, "tftpPort", h.tftpPort(),
                        "ftpPort", h.port(TransferProtocol.FTP)))),
                "cisco-config-copy", CiscoConfigCopyMib.CISCO_PREFIX);
        h.addFirmware("2.0.0", "1");
        h.startEngine();
        return h;
    }

    @Test
    void givenADeviceNamingCiscoConfigCopyThenUpliftIad_whenUpgraded_thenItsConfigurationGoesThroughTheCopyTableAndItsSoftwareThroughTheOpTable()
            throws Exception {
        harness("cisco-config-copy,uplift-iad");
        DeviceFacts before = h.facts(1);

        Job job = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, DONE, AWAITING_DECISION, ABORTED, FAILED);

        assertEquals(DONE, job.state(), job.history().toString());
        assertEquals(
                Map.of(CISCO_CONFIG_COPY, List.of(BACKUP_CONFIG, RESTORE_CONFIG), UPLIFT_IAD,
                        List.of(DOWNLOAD_FIRMWARE)),
                h.sim(1).operationsStarted(), "operations per MIB the device was commanded through");
        DeviceFacts after = h.facts(1);
        assertEquals("2.0.0", after.runningVersion());
        assertEquals("1.0.0", after.keptVersion());
        assertEquals(before.configDigest(), after.configDigest(), "the configuration restored through ccCopyTable");
        assertEquals(before.configDigest(), h.backups.latest("iad-1").orElseThrow().sha256(),
                "the backup taken through ccCopyTable");
    }

    @Test
    void givenTheMixedDeviceTransferringOverFtp_whenUpgraded_thenTheCopyTableGetsTheTicketsFtpLogin() throws Exception {
        harness("cisco-config-copy,uplift-iad");
        h.inventory.put(new Device("iad-1", "127.0.0.1", h.sim(1).port(), SnmpCredentials.v2c("private"),
                "cisco-config-copy,uplift-iad", TransferProtocol.FTP));
        DeviceFacts before = h.facts(1);

        Job job = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, DONE, AWAITING_DECISION, ABORTED, FAILED);

        assertEquals(DONE, job.state(), job.history().toString());
        assertTrue(job.history().stream().filter(r -> r.message().contains("commanding the device"))
                .allMatch(r -> r.message().contains("ftp://")), job.history().toString());
        assertEquals(
                Map.of(CISCO_CONFIG_COPY, List.of(BACKUP_CONFIG, RESTORE_CONFIG), UPLIFT_IAD,
                        List.of(DOWNLOAD_FIRMWARE)),
                h.sim(1).operationsStarted());
        assertEquals(before.configDigest(), h.facts(1).configDigest());
    }

    @Test
    void givenTheSameDeviceNamingUpliftIadFirst_whenUpgraded_thenEveryOperationGoesThroughTheOpTable()
            throws Exception {
        harness("uplift-iad,cisco-config-copy");

        Job job = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, DONE, AWAITING_DECISION, ABORTED, FAILED);

        assertEquals(DONE, job.state(), job.history().toString());
        assertEquals(Map.of(UPLIFT_IAD, List.of(BACKUP_CONFIG, DOWNLOAD_FIRMWARE, RESTORE_CONFIG)),
                h.sim(1).operationsStarted(), "the first named driver that supports an operation commands it");
        assertEquals("2.0.0", h.facts(1).runningVersion());
    }
}
