package org.uplift.snmp.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.OperationCompletion;
import org.uplift.api.driver.OperationHandle;
import org.uplift.api.driver.OperationState;

/**
 * 100,000 forged upliftIadOpCompletion traps from 1,000 loopback addresses (127.0.1.1 to 127.0.4.250),
 * all with the right community: 100 of the addresses are inventory devices' (a forger who knows the
 * community and spoofs their addresses), the rest belong to no device, and 1,000 more, mixed in, come
 * from the genuine device's own address with guessed communities and fail its operation. The receiver's tables stay bounded (kept
 * completions at most {@value #PER_DEVICE} per device and {@value #TOTAL} in all, the address index
 * unchanged) and the heap it retains stays under {@value #HEAP_CAP_MB} MB, while the genuine device's
 * completion, sent mid-flood, still ends its operation within 1 s. The flood runs as fast as the
 * receiver takes it, so every forged packet is accounted for.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SpoofedTrapFloodTest {

    private static final int ADDRESSES = 1_000;
    private static final int SPOOFED_DEVICES = 100;
    private static final int TRAPS = 100_000;
    private static final int PER_DEVICE = 16;
    private static final int TOTAL = 1_000;
    private static final long HEAP_CAP_MB = 16;
    private static final int AHEAD = 500;

    @Test
    void givenAFloodOfSpoofedTraps_thenTheTablesStayBounded_andTheGenuineCompletionArrivesWithin1s() throws Exception {
        Device genuine = new Device("iad-genuine", "127.0.0.1", 16100, SnmpCredentials.v2c("private"), null);
        TestInventory inventory = new TestInventory(genuine);
        for (int i = 0; i < SPOOFED_DEVICES; i++) {
            inventory.devices.add(new Device("iad-" + i, address(i), 161, SnmpCredentials.v2c("private"), null));
        }
        NotificationReceiver receiver = Receivers.start(inventory, Receivers.config(600, PER_DEVICE, TOTAL, 10));
        try {
            assertEquals(SPOOFED_DEVICES + 1, receiver.known().addresses());
            long heapBefore = retainedHeap();
            CompletableFuture<OperationCompletion> waiting = receiver.completion(genuine, new OperationHandle(7),
                    Instant.now());

            AtomicInteger sent = new AtomicInteger();
            AtomicInteger maxKept = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long floodStart = System.nanoTime();
            Thread flood = new Thread(() -> flood(receiver, sent, maxKept, failure), "flood");
            flood.start();
            while (sent.get() < TRAPS / 2 && flood.isAlive()) {
                Thread.sleep(1);
            }
            long sentAt = System.nanoTime();
            int copies = 0;
            try (SpoofedTraps device = new SpoofedTraps("127.0.0.1", receiver.port())) {
                // UDP may lose any one packet in a flood, Uplift or not: the device sends it again, as an inform is
                while (!waiting.isDone() && copies < 4) {
                    device.send("private", 7, SpoofedTraps.SUCCESSFUL);
                    copies++;
                    try {
                        waiting.get(200, TimeUnit.MILLISECONDS);
                    } catch (TimeoutException e) {
                        // not heard yet
                    }
                }
            }
            OperationCompletion completion = waiting.get(1, TimeUnit.SECONDS);
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sentAt);
            assertTrue(tookMillis <= 1_000, "the genuine completion took " + tookMillis + " ms");
            flood.join();
            long floodMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - floodStart);
            if (failure.get() != null) {
                throw new AssertionError("the flood failed", failure.get());
            }

            assertEquals(OperationState.SUCCESSFUL, completion.state());
            assertEquals(TRAPS + ADDRESSES, sent.get());
            long expected = sent.get() + copies;
            NotificationTrustTest.awaitTrue(() -> receiver.received() == expected);
            // every forged packet was dropped or kept, none ended anything
            assertEquals(TRAPS / ADDRESSES * (ADDRESSES - SPOOFED_DEVICES),
                    receiver.dropped(DropReason.UNKNOWN_SOURCE));
            assertEquals(ADDRESSES, receiver.dropped(DropReason.WRONG_COMMUNITY));
            // a random index can repeat one still kept for the same device: the newer replaces it
            assertEquals(TRAPS / ADDRESSES * SPOOFED_DEVICES, receiver.book().kept()
                    + receiver.dropped(DropReason.OVERFLOW) + receiver.dropped(DropReason.REPLACED));
            assertTrue(maxKept.get() <= TOTAL, "kept at most " + TOTAL + " in all, saw " + maxKept.get());
            assertEquals(TOTAL, receiver.book().kept(), "full, not more");
            for (int i = 0; i < SPOOFED_DEVICES; i++) {
                assertTrue(receiver.book().keptOf("iad-" + i) <= PER_DEVICE, "iad-" + i);
            }
            assertEquals(0, receiver.book().keptOf("iad-genuine"));
            assertEquals(0, receiver.book().waiters(), "the answered wait is forgotten");
            assertEquals(SPOOFED_DEVICES + 1, receiver.known().addresses(), "forged sources are not learnt");
            long heapAfter = retainedHeap();
            long grownKb = (heapAfter - heapBefore) / 1024;
            System.out.printf("flood: %d traps from %d addresses in %d ms; genuine completion after %d ms (%d "
                    + "sent); kept %d (max %d); retained heap grew %d KB (cap %d MB)%n", sent.get(), ADDRESSES,
                    floodMillis,
                    tookMillis, copies, receiver.book().kept(), maxKept.get(), grownKb, HEAP_CAP_MB);
            assertTrue(grownKb < HEAP_CAP_MB * 1024, "retained heap grew " + grownKb + " KB");
            assertFalse(waiting.isCompletedExceptionally());
        } finally {
            receiver.deactivate();
        }
    }

    /**
     * 100 forged failures from each of the 1,000 addresses, round robin, with any row index; after every
     * 100th, one from the genuine device's own address with a guessed community, failing its operation (7).
     */
    private static void flood(NotificationReceiver receiver, AtomicInteger sent, AtomicInteger maxKept,
            AtomicReference<Throwable> failure) {
        List<SpoofedTraps> senders = new ArrayList<>(ADDRESSES);
        try (SpoofedTraps own = new SpoofedTraps("127.0.0.1", receiver.port())) {
            for (int i = 0; i < ADDRESSES; i++) {
                senders.add(new SpoofedTraps(address(i), receiver.port()));
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int n = 1; n <= TRAPS; n++) {
                senders.get(n % ADDRESSES).send("private", random.nextInt(1, 1_000_000), SpoofedTraps.FAILED);
                pace(receiver, sent.incrementAndGet(), maxKept);
                if (n % (TRAPS / ADDRESSES) == 0) {
                    own.send("guessed-" + n, 7, SpoofedTraps.FAILED);
                    pace(receiver, sent.incrementAndGet(), maxKept);
                }
            }
        } catch (Throwable e) {
            failure.set(e);
        } finally {
            senders.forEach(SpoofedTraps::close);
        }
    }

    /**
     * Keeps the flood at most {@value #AHEAD} packets ahead of the receiver: as fast as its one listener
     * thread goes, but never so far ahead that the kernel's socket buffer drops packets (what UDP does
     * to a flood is not what this test is about; the genuine trap is re-sent as a device would).
     */
    private static void pace(NotificationReceiver receiver, int sent, AtomicInteger maxKept)
            throws InterruptedException {
        if (sent % 100 == 0) {
            maxKept.accumulateAndGet(receiver.book().kept(), Math::max);
        }
        while (sent - receiver.received() > AHEAD) {
            Thread.sleep(0, 100_000);
        }
    }

    /** 127.0.1.1 ... 127.0.4.250: none is 127.0.0.x, where the genuine device and the other tests live. */
    private static String address(int i) {
        return "127.0." + (1 + i / 250) + "." + (1 + i % 250);
    }

    private static long retainedHeap() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
