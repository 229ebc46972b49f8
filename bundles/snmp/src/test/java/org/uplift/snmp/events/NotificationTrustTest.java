package org.uplift.snmp.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.OperationCompletion;
import org.uplift.api.driver.OperationHandle;
import org.uplift.api.driver.OperationState;
import org.uplift.api.repository.TransferProtocol;

/**
 * Who may end an operation with a notification: only the device, from its SNMP or transfer address,
 * with its community (or its v3 user), after the operation started. Each forgery below is sent as a
 * real UDP packet from a loopback address and must be dropped and counted; the genuine notification
 * sent after it must still end the wait, so each test fails if the receiver hears nothing at all.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NotificationTrustTest {

    private static final Device IAD = new Device("iad-1", "127.0.0.1", 16101, SnmpCredentials.v2c("private"), null,
            TransferProtocol.TFTP, null, "127.0.0.3");
    private static final Device V3 = new Device("v3-1", "127.0.0.2", 16102,
            SnmpCredentials.v3("uplift", "uplift-auth-pass", "uplift-priv-pass"), null);

    private NotificationReceiver receiver;

    @AfterEach
    void stop() throws Exception {
        if (receiver != null) {
            receiver.deactivate();
        }
    }

    @Test
    void givenAV2cTrapWithTheWrongCommunityFromTheDevicesOwnAddress_thenItIsDropped() throws Exception {
        receiver = Receivers.start(new TestInventory(IAD, V3));
        CompletableFuture<OperationCompletion> waiting = receiver.completion(IAD, new OperationHandle(5),
                Instant.now());

        send("127.0.0.1", "public", 5, SpoofedTraps.FAILED);
        awaitTrue(() -> receiver.dropped(DropReason.WRONG_COMMUNITY) == 1);

        assertFalse(waiting.isDone(), "a wrong community must not end the operation");
        send("127.0.0.1", "private", 5, SpoofedTraps.SUCCESSFUL);
        assertEquals(OperationState.SUCCESSFUL, waiting.get(2, TimeUnit.SECONDS).state());
    }

    @Test
    void givenAV3Device_whenAV2cTrapComesFromItsAddress_thenItIsDropped() throws Exception {
        receiver = Receivers.start(new TestInventory(IAD, V3));
        CompletableFuture<OperationCompletion> waiting = receiver.completion(V3, new OperationHandle(6), Instant.now());

        // even with the v3 user's name or a passphrase as the community
        send("127.0.0.2", "uplift", 6, SpoofedTraps.FAILED);
        send("127.0.0.2", "uplift-auth-pass", 6, SpoofedTraps.FAILED);
        awaitTrue(() -> receiver.dropped(DropReason.NOT_V3) == 2);

        assertFalse(waiting.isDone(), "a v3 device's operation ends only by its authenticated user");
        assertEquals(0, receiver.book().kept());
    }

    @Test
    void givenACompletionPlantedBeforeTheStart_thenItDoesNotEndTheOperation_butTheGenuineOneDoes() throws Exception {
        receiver = Receivers.start(new TestInventory(IAD, V3));
        // from the device's address with its community: only the timing gives it away
        send("127.0.0.1", "private", 9, SpoofedTraps.FAILED);
        awaitTrue(() -> receiver.book().keptOf("iad-1") == 1);

        Instant startedAt = Instant.now();
        CompletableFuture<OperationCompletion> waiting = receiver.completion(IAD, new OperationHandle(9), startedAt);

        assertFalse(waiting.isDone(), "a completion received before the operation started is not its completion");
        assertEquals(1, receiver.dropped(DropReason.BEFORE_START));
        assertEquals(0, receiver.book().kept());
        send("127.0.0.1", "private", 9, SpoofedTraps.SUCCESSFUL);
        OperationCompletion genuine = waiting.get(2, TimeUnit.SECONDS);
        assertEquals(OperationState.SUCCESSFUL, genuine.state());
        assertFalse(genuine.receivedAt().isBefore(startedAt));
    }

    @Test
    void givenACompletionFromAnotherAddress_thenItIsDropped_whileOneFromTheTransferSourceCounts() throws Exception {
        receiver = Receivers.start(new TestInventory(IAD, V3));
        CompletableFuture<OperationCompletion> waiting = receiver.completion(IAD, new OperationHandle(11),
                Instant.now());

        send("127.0.0.66", "private", 11, SpoofedTraps.FAILED);
        awaitTrue(() -> receiver.dropped(DropReason.UNKNOWN_SOURCE) == 1);

        assertFalse(waiting.isDone());
        send("127.0.0.3", "private", 11, SpoofedTraps.SUCCESSFUL); // IAD's transfer source
        assertEquals("127.0.0.3", waiting.get(2, TimeUnit.SECONDS).sourceHost());
    }

    @Test
    void givenAnOperationThatIsNotThisNodes_thenItsCompletionIsOnlyKept_andExpiresOnTheTimer() throws Exception {
        receiver = Receivers.start(new TestInventory(IAD, V3), Receivers.config(1, 16, 4096, 10));
        send("127.0.0.1", "private", 12, SpoofedTraps.FAILED);
        awaitTrue(() -> receiver.book().keptOf("iad-1") == 1);

        // no arrival after it: only the timer can expire it
        awaitTrue(() -> receiver.book().kept() == 0);
        assertEquals(1, receiver.dropped(DropReason.EXPIRED));
        CompletableFuture<OperationCompletion> late = receiver.completion(IAD, new OperationHandle(12), Instant.EPOCH);
        assertFalse(late.isDone(), "an expired completion ends nothing, even for a waiter that claims an early start");
    }

    private void send(String from, String community, int index, int state) throws Exception {
        try (SpoofedTraps sender = new SpoofedTraps(from, receiver.port())) {
            sender.send(community, index, state);
        }
    }

    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met within 5 s");
            Thread.sleep(5);
        }
    }
}
