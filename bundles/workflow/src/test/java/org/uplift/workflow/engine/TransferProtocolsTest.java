package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.api.workflow.JobState.AWAITING_DECISION;
import static org.uplift.api.workflow.JobState.DONE;
import static org.uplift.api.workflow.JobState.FAILED;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.UpgradeException;

/**
 * Every transfer of a job goes over the protocol the inventory names for the device: the simulated
 * IAD really fetches and sends its files over FTP (passive, with the ticket's login) or HTTP (GET and
 * PUT) from Uplift's file server, and the history says which.
 */
@Timeout(60)
class TransferProtocolsTest extends HarnessTest {

    private Job upgradeOver(TransferProtocol protocol, Map<String, Object> fileServer) throws Exception {
        h = EngineHarness.withFileServer(dir, 1, fileServer);
        h.inventory
                .put(new Device("iad-1", "127.0.0.1", h.sim(1).port(), SnmpCredentials.v2c("private"), null, protocol));
        h.addFirmware("2.0.0", "1");
        h.startEngine();
        return h.engine.start("iad-1", "2.0.0");
    }

    private void assertUpgradedOver(String scheme, Job started) throws Exception {
        DeviceFacts before = h.facts(1);
        Job done = h.await(started.id(), WAIT, DONE, AWAITING_DECISION, FAILED);
        assertEquals(DONE, done.state(), done.history().toString());
        List<String> commands = done.history().stream().map(r -> r.message())
                .filter(m -> m.contains("commanding the device")).toList();
        assertEquals(3, commands.size(), done.history().toString());
        assertTrue(commands.stream().allMatch(m -> m.contains(scheme + "://127.0.0.1:")), commands.toString());
        assertTrue(started.plan().lines().contains("BACKUP: uplift-iad over " + scheme),
                started.plan().lines().toString());
        assertEquals("2.0.0", h.facts(1).runningVersion());
        assertEquals(before.configDigest(), h.facts(1).configDigest());
    }

    @Test
    void givenADeviceThatTransfersOverFtp_whenUpgraded_thenBackupDownloadAndRestoreGoOverFtp() throws Exception {
        assertUpgradedOver("ftp", upgradeOver(TransferProtocol.FTP, Map.of()));
    }

    @Test
    void givenADeviceThatTransfersOverHttp_whenUpgraded_thenBackupDownloadAndRestoreGoOverHttp() throws Exception {
        assertUpgradedOver("http", upgradeOver(TransferProtocol.HTTP, Map.of()));
    }

    @Test
    void givenFtpSwitchedOff_whenADeviceThatTransfersOverFtpIsUpgraded_thenTheJobIsRefusedBeforeItIsTouched()
            throws Exception {
        UpgradeException e = assertThrows(UpgradeException.class,
                () -> upgradeOver(TransferProtocol.FTP, Map.of("ftpEnabled", false)));
        assertTrue(e.getMessage().startsWith("device iad-1 not touched: it transfers over ftp, and "), e.getMessage());
        assertEquals(Map.of(), h.sim(1).operationsStarted());
    }
}
