package org.uplift.snmp.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.OperationHandle;

/**
 * The receiver reads its devices from the device directory, a dynamic reference into the workflow bundle: it
 * re-reads when the directory comes, goes or is replaced (a redeploy), keeps its port meanwhile, and keeps the
 * devices it knew when one read fails.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DirectoryBindingTest {

    private static final Device IAD_1 = device("iad-1", "127.0.0.11");
    private static final Device IAD_2 = device("iad-2", "127.0.0.12");

    private NotificationReceiver receiver;

    @AfterEach
    void stop() throws Exception {
        if (receiver != null) {
            Receivers.stop(receiver);
        }
    }

    private static Device device(String id, String host) {
        return new Device(id, host, 161, SnmpCredentials.v2c("private"), null);
    }

    private List<String> knownIds() throws Exception {
        receiver.refreshSoon().get(5, TimeUnit.SECONDS);
        return receiver.known().devices().stream().map(Device::id).sorted().toList();
    }

    @Test
    void givenTheDirectoryGoes_thenOnlyWaitingDevicesCount_andThePortStays() throws Exception {
        TestInventory directory = new TestInventory(IAD_1, IAD_2);
        receiver = Receivers.start(directory);
        int port = receiver.port();
        assertEquals(List.of("iad-1", "iad-2"), knownIds());
        receiver.completion(IAD_2, new OperationHandle(3), Instant.now());

        receiver.unsetDirectory(directory);

        assertEquals(List.of("iad-2"), knownIds(), "the device of a waiting operation still counts");
        assertEquals(port, receiver.port(), "the receiver stays up while the workflow bundle is redeployed");
    }

    @Test
    void givenTheDirectoryIsReplaced_thenTheNewOnesDevicesCount_evenIfTheOldIsUnboundAfterwards() throws Exception {
        TestInventory old = new TestInventory(IAD_1);
        receiver = Receivers.start(old);
        TestInventory redeployed = new TestInventory(IAD_2);

        receiver.setDirectory(redeployed); // greedy: the new one is bound first
        receiver.unsetDirectory(old);

        assertEquals(List.of("iad-2"), knownIds());
        receiver.unsetDirectory(old); // a late second unbind of the old one changes nothing
        assertEquals(List.of("iad-2"), knownIds());
    }

    @Test
    void givenADeviceAddedToAnInventory_thenTheNextRefreshKnowsIt() throws Exception {
        TestInventory directory = new TestInventory(IAD_1);
        receiver = Receivers.start(directory);
        assertFalse(receiver.known().knows(IAD_2));

        directory.devices.add(IAD_2);

        assertEquals(List.of("iad-1", "iad-2"), knownIds(), "the directory reads inventories live");
    }

    @Test
    void givenAFailingRead_thenTheDevicesReadBeforeStay() throws Exception {
        TestInventory directory = new TestInventory(IAD_1, IAD_2);
        receiver = Receivers.start(directory);

        directory.failure = new IllegalStateException("inventory file unreadable");

        assertEquals(List.of("iad-1", "iad-2"), knownIds());
        directory.failure = null;
        directory.devices.remove(IAD_1);
        assertEquals(List.of("iad-2"), knownIds(), "a good read replaces them again");
        assertTrue(directory.readers.stream().allMatch("uplift-notification-upkeep"::equals),
                directory.readers.toString());
    }
}
