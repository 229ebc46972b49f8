package org.uplift.snmp.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.OperationCompletion;
import org.uplift.api.driver.OperationState;

/** The completion book's rules on a hand-moved clock: bounds, start times, expiry only when the timer asks. */
class CompletionBookTest {

    private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
    private static final Device A = device("a", "192.0.2.1");
    private static final Device B = device("b", "192.0.2.2");

    private final MovableClock clock = new MovableClock();
    private final NotificationDrops drops = new NotificationDrops();
    private final CompletionBook book = new CompletionBook(Duration.ofSeconds(60), 3, 5, clock, drops);

    @Test
    void keptCompletionsAreBoundedPerDeviceAndInAll_theOldestMakingRoom() {
        for (int i = 1; i <= 10; i++) {
            book.arrived(List.of(A), completion(A, i));
        }
        assertEquals(3, book.keptOf("a"));
        for (int i = 1; i <= 10; i++) {
            book.arrived(List.of(B), completion(B, i));
        }
        assertEquals(5, book.kept());
        assertTrue(book.keptOf("a") + book.keptOf("b") == 5 && book.keptOf("b") == 3);
        assertEquals(10 - 3 + 10 - 3 + 1, drops.count(DropReason.OVERFLOW));
        // the newest of A's survived: a waiter that registers late still gets its own
        assertTrue(book.await(A, 10, T0).isDone());
    }

    @Test
    void aSecondCompletionOfTheSameOperationReplacesTheKeptOne_andTheReplacedOneIsCounted() {
        book.arrived(List.of(A), completion(A, 1));
        clock.now = T0.plusSeconds(1);
        OperationCompletion newer = completion(A, 1);
        book.arrived(List.of(A), newer);

        assertEquals(1, book.kept());
        assertEquals(1, book.keptOf("a"));
        assertEquals(1, drops.count(DropReason.REPLACED));
        assertEquals(0, drops.count(DropReason.OVERFLOW));
        assertSame(newer, book.await(A, 1, T0).join());
    }

    @Test
    void anArrivalDoesNotScanForOldEntries_theTimerExpiresThem() {
        book.arrived(List.of(A), completion(A, 1));
        clock.now = T0.plusSeconds(120);
        book.arrived(List.of(A), completion(A, 2));
        assertEquals(2, book.kept(), "nothing expired on arrival");

        book.expire();

        assertEquals(1, book.kept());
        assertEquals(1, drops.count(DropReason.EXPIRED));
        assertFalse(book.await(A, 1, T0).isDone());
    }

    @Test
    void aWaiterTakesOnlyACompletionReceivedAtOrAfterItsStart_andOnlyItsDevices() {
        book.arrived(List.of(A), completion(A, 4)); // received at T0
        CompletableFuture<OperationCompletion> late = book.await(A, 4, T0.plusMillis(1));
        assertFalse(late.isDone());
        assertEquals(1, drops.count(DropReason.BEFORE_START));

        clock.now = T0.plusSeconds(1);
        book.arrived(List.of(B), completion(B, 4));
        assertFalse(late.isDone(), "B's completion is not A's operation's");
        OperationCompletion own = completion(A, 4);
        book.arrived(List.of(A), own);
        assertSame(own, late.join());
        assertEquals(0, book.waiters());
    }

    @Test
    void waitersAreBoundedToo_andACancelledOneIsForgotten() {
        for (int i = 0; i < 5; i++) {
            book.await(A, i, T0);
        }
        CompletableFuture<OperationCompletion> sixth = book.await(A, 99, T0);
        assertEquals(5, book.waiters());
        book.arrived(List.of(A), completion(A, 99));
        assertFalse(sixth.isDone(), "not registered: polling ends it");
        CompletableFuture<OperationCompletion> another = book.await(B, 7, T0);
        assertEquals(5, book.waiters());
        assertFalse(another.isDone());
    }

    private OperationCompletion completion(Device device, int index) {
        return new OperationCompletion(device.host(), 162, SpoofedTraps.IAD_COMPLETION.toDottedString(), index,
                OperationState.FAILED, "unknown", clock.instant());
    }

    private static Device device(String id, String host) {
        return new Device(id, host, 161, SnmpCredentials.v2c("private"), null);
    }

    private static final class MovableClock extends Clock {
        Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
