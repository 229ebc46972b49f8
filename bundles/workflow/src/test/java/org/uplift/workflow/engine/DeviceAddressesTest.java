package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.api.workflow.JobState.AWAITING_DECISION;
import static org.uplift.api.workflow.JobState.DONE;
import static org.uplift.api.workflow.JobState.FAILED;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.workflow.Job;

/**
 * A device behind NAT, or a server on a multi-homed host: the file server's advertised address is
 * one no device can reach here (127.0.0.9, where nothing listens), and a device whose inventory entry
 * names the address it must be told (127.0.0.1) is upgraded, while one without it cannot reach the server.
 */
@Timeout(60)
class DeviceAddressesTest extends HarnessTest {

    @Test
    void givenAServerAdvertisedWhereTheDeviceCannotReachIt_whenTheDeviceNamesItsOwnServerAddress_thenItIsUpgraded()
            throws Exception {
        h = EngineHarness.withFileServer(dir, 2, Map.of("advertisedAddress", "127.0.0.9"));
        h.with("backupTimeoutSeconds", 3);
        h.inventory.put(new Device("iad-1", "127.0.0.1", h.sim(1).port(), SnmpCredentials.v2c("private"), null,
                TransferProtocol.TFTP, "127.0.0.1", null));
        h.addFirmware("2.0.0", "1");
        h.startEngine();

        Job done = h.await(h.engine.start("iad-1", "2.0.0").id(), WAIT, DONE, AWAITING_DECISION, FAILED);
        assertEquals(DONE, done.state(), done.history().toString());
        assertTrue(done.history().get(1).message().contains("tftp://127.0.0.1:"), done.history().get(1).message());

        Job stuck = h.await(h.engine.start("iad-2", "2.0.0").id(), WAIT, AWAITING_DECISION, DONE);
        assertTrue(stuck.lastMessage().startsWith("BACKUP failed"), stuck.lastMessage());
        assertEquals("1.0.0", h.facts(2).runningVersion());
    }
}
