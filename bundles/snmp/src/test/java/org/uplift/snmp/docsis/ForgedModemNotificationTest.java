package org.uplift.snmp.docsis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.OperationCompletion;
import org.uplift.api.driver.OperationHandle;
import org.uplift.api.driver.OperationRequest;
import org.uplift.api.driver.OperationState;
import org.uplift.api.driver.OperationType;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.snmp.events.NotificationReceiver;
import org.uplift.snmp.events.Receivers;
import org.uplift.snmp.events.SpoofedTraps;
import org.uplift.snmp.events.TestInventory;

/**
 * A cable modem is downloading (docsDevSwOperStatus inProgress) and Uplift waits for the download's
 * completion as the workflow does (start time read before the trigger). A failure forged for that
 * download's handle from another address, with the modem's community, ends nothing; the modem's own
 * notification does.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ForgedModemNotificationTest {

    @Test
    void givenAModemsRunningDownload_whenAFailureIsForgedFromAnotherAddress_thenItIsIgnored() throws Exception {
        int complete = DocsDevMib.OPER_COMPLETE_FROM_MGT;
        try (ScriptedModem modem = new ScriptedModem("<<MODEL: CM-9>>", complete, DocsDevMib.OPER_IN_PROGRESS)) {
            Device device = new Device("cm-1", "127.0.0.1", modem.port(), SnmpCredentials.v2c("private"), null);
            DocsisSoftwareDriver driver = new DocsisSoftwareDriver(DocsisSoftwareDriverTest.config(6969, 8069));
            NotificationReceiver receiver = Receivers.start(new TestInventory(device));
            try {
                Instant startedAt = Instant.now();
                OperationHandle handle = driver.start(device, new OperationRequest(OperationType.DOWNLOAD_FIRMWARE,
                        TransferProtocol.TFTP, "127.0.0.1", 6969, "cm-2.img", null, null));
                CompletableFuture<OperationCompletion> waiting = receiver.completion(device, handle, startedAt);
                assertEquals(OperationState.RUNNING, driver.status(device, handle).state());

                try (SpoofedTraps forger = new SpoofedTraps("127.0.0.77", receiver.port())) {
                    forger.send("private", handle.index(), SpoofedTraps.FAILED);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (receiver.dropped() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }

                assertEquals(1, receiver.dropped(), "the forged failure was heard and dropped");
                assertFalse(waiting.isDone(), "a forged failure must not end the download");
                assertEquals(OperationState.RUNNING, driver.status(device, handle).state());
                try (SpoofedTraps own = new SpoofedTraps("127.0.0.1", receiver.port())) {
                    own.send("private", handle.index(), SpoofedTraps.SUCCESSFUL);
                }
                OperationCompletion completion = waiting.get(2, TimeUnit.SECONDS);
                assertEquals(OperationState.SUCCESSFUL, completion.state());
                assertTrue(handle.index() > 0, "each download has its own handle, not index 0");
            } finally {
                Receivers.stop(receiver);
                driver.deactivate();
            }
        }
    }
}
