package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;

/** When two readings of a device's counters mean it restarted in between, and when they do not. */
class RebootWatchTest {

    private static final long WRAP = 1L << 32;

    private static DeviceFacts up(long hundredths) {
        return new DeviceFacts("", hundredths, "", "", "", "", "", -1);
    }

    private static DeviceFacts up(long hundredths, long boots) {
        return new DeviceFacts("", hundredths, "", "", "", "", "", boots);
    }

    @Test
    void givenSysUpTimeThatKeptCounting_thenNoRestart() {
        assertFalse(RebootWatch.restarted(up(500_000), 0, up(501_000), 10_000));
    }

    @Test
    void givenSysUpTimeSmallerThanTheTimeSinceTheFirstReading_thenARestart() {
        assertTrue(RebootWatch.restarted(up(500_000), 0, up(300), 10_000));
    }

    @Test
    void givenSysUpTimeThatWrappedPast2To32_thenNoRestart() {
        // 3 s before the wrap, read again 10 s later: 7 s after it
        assertFalse(RebootWatch.restarted(up(WRAP - 300), 0, up(700), 10_000));
    }

    @Test
    void givenARestartShortlyBeforeTheWrapWouldHaveHappened_thenStillARestart() {
        assertTrue(RebootWatch.restarted(up(WRAP - 300), 0, up(50), 10_000));
    }

    @Test
    void givenAnAgentWhoseClockRunsAheadWithoutRestarting_thenNoRestart() {
        assertFalse(RebootWatch.restarted(up(500_000), 0, up(520_000), 10_000));
    }

    @Test
    void givenSnmpEngineBootsThatRose_thenARestartEvenWhenSysUpTimeLooksContinuous() {
        assertTrue(RebootWatch.restarted(up(500_000, 7), 0, up(501_000, 8), 10_000));
    }

    @Test
    void givenAnAnswerRightAfterTheFirstReading_thenNoRestart() {
        assertFalse(RebootWatch.restarted(up(123), 0, up(150), 300));
    }

    @Test
    void givenAReadSentIntoTheRestartThatHangs_thenTheDeviceIsSeenBackByALaterPollWithoutWaitingForIt()
            throws Exception {
        CountDownLatch hung = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        // the first read goes out while the device is down and waits out its SNMP time-out (here: until released);
        // the device is back for every later one, reporting a fresh sysUpTime
        RebootWatch.Reader reader = () -> {
            if (reads.getAndIncrement() == 0) {
                try {
                    hung.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new DeviceException("no answer", true);
            }
            return up(150);
        };
        RebootWatch watch = new RebootWatch(reader, Clock.systemUTC(), Duration.ofMillis(20), Duration.ZERO, 3);
        try {
            RebootWatch.Seen seen = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> watch.await(up(500_000), System.currentTimeMillis() - 10_000, Duration.ofSeconds(30), "x"));
            assertEquals(1, hung.getCount(), "seen back while the first read still hung");
            assertTrue(seen.how().startsWith("restarted"), seen.how());
        } finally {
            hung.countDown();
        }
    }

    @Test
    void givenASettlePeriodEndingBetweenTwoPolls_thenAPollIsSentAtItsEndNotAtTheNextInterval() throws Exception {
        // polls every 2 s, settle 2.5 s: the restarted device answers at once every time. The period ends 0.5 s
        // after the second poll; the third goes out then (it went out at 4 s, a job waiting 1.5 s for nothing)
        List<Long> sent = new CopyOnWriteArrayList<>();
        AtomicInteger reads = new AtomicInteger();
        RebootWatch.Reader reader = () -> {
            sent.add(System.nanoTime());
            return up(150 + 200L * reads.getAndIncrement()); // sysUpTime goes on counting from the restart
        };
        RebootWatch watch = new RebootWatch(reader, Clock.systemUTC(), Duration.ofSeconds(2),
                Duration.ofMillis(2500), 3);

        RebootWatch.Seen seen = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> watch.await(up(500_000), System.currentTimeMillis() - 10_000, Duration.ofSeconds(30), "x"));

        assertTrue(seen.how().startsWith("restarted"), seen.how());
        assertEquals(3, sent.size(), "reads: " + sent.size());
        long third = TimeUnit.NANOSECONDS.toMillis(sent.get(2) - sent.get(0));
        assertTrue(third >= 2500 && third < 3500, "the third poll went out " + third + " ms after the first");
    }

    @Test
    void givenTheFirstAnswerCameToAPollSentWhileTheDeviceWasDown_thenTheSettlePeriodCountsFromThatAnswer()
            throws Exception {
        // the poll sent at 0 ms is answered only at 1,200 ms (its retransmission reached the device once it was
        // back); those sent at 500 and 1,000 ms are still waiting. Counted from when that poll was sent, the device
        // would look steady for 1 s at 1,500 ms, having been seen up for 300 ms
        AtomicInteger reads = new AtomicInteger();
        RebootWatch.Reader reader = () -> {
            int n = reads.getAndIncrement();
            try {
                if (n == 0) {
                    Thread.sleep(1200);
                } else if (n <= 2) {
                    Thread.sleep(5000);
                    throw new DeviceException("no answer", true);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeviceException("interrupted", true);
            }
            return up(150 + 50L * n);
        };
        RebootWatch watch = new RebootWatch(reader, Clock.systemUTC(), Duration.ofMillis(500), Duration.ofSeconds(1),
                3);
        long start = System.nanoTime();

        RebootWatch.Seen seen = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> watch.await(up(500_000), System.currentTimeMillis() - 10_000, Duration.ofSeconds(30), "x"));

        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(seen.how().startsWith("restarted"), seen.how());
        assertTrue(took >= 2200,
                "settled " + took + " ms after the first poll: less than 1 s after the device was seen");
    }

    @Test
    void givenARestartNotification_thenTheDeviceIsReadAtOnce_notAtTheNextPoll() throws Exception {
        // polls every 2 s; the device restarts at 300 ms and says so: seen back then, not at 2 s
        long start = System.nanoTime();
        CompletableFuture<Instant> notified = new CompletableFuture<>();
        List<Instant> since = new CopyOnWriteArrayList<>();
        RebootWatch.Hints hints = after -> {
            since.add(after);
            return since.size() == 1 ? notified : new CompletableFuture<>();
        };
        RebootWatch.Reader reader = () -> elapsedMillis(start) < 300 ? up(500_010) : up(20);
        RebootWatch watch = new RebootWatch(reader, Clock.systemUTC(), Duration.ofSeconds(2), Duration.ZERO, 3,
                hints);
        long beforeMillis = System.currentTimeMillis();
        Thread device = new Thread(() -> {
            sleep(300);
            notified.complete(Instant.now());
        });
        device.start();

        RebootWatch.Seen seen = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> watch.await(up(500_000), beforeMillis, Duration.ofSeconds(30), "x"));

        long took = elapsedMillis(start);
        assertTrue(took >= 300 && took < 1500, "seen back " + took + " ms after the first poll (the next: 2,000 ms)");
        assertTrue(seen.how().contains("restart notification"), seen.how());
        assertEquals(Instant.ofEpochMilli(beforeMillis), since.get(0), "listened from the reading before the command");
        assertTrue(notified.isDone());
        device.join();
    }

    @Test
    void givenAForgedRestartNotification_thenItCostsOneRead_andOnlyTheCountersDecide() throws Exception {
        // the device really restarts at 1,000 ms; a forged coldStart at 300 ms must not end the watch early
        long start = System.nanoTime();
        CompletableFuture<Instant> forged = new CompletableFuture<>();
        AtomicInteger listens = new AtomicInteger();
        RebootWatch.Hints hints = after -> listens.getAndIncrement() == 0 ? forged : new CompletableFuture<>();
        List<Long> reads = new CopyOnWriteArrayList<>();
        RebootWatch.Reader reader = () -> {
            long at = elapsedMillis(start);
            reads.add(at);
            return at < 1000 ? up(500_000 + at / 10) : up(20);
        };
        RebootWatch watch = new RebootWatch(reader, Clock.systemUTC(), Duration.ofSeconds(1), Duration.ZERO, 3,
                hints);
        Thread forger = new Thread(() -> {
            sleep(300);
            forged.complete(Instant.now());
        });
        forger.start();

        RebootWatch.Seen seen = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> watch.await(up(500_000), System.currentTimeMillis(), Duration.ofSeconds(30), "x"));

        long took = elapsedMillis(start);
        assertTrue(took >= 1000, "declared restarted at " + took + " ms, before the device restarted");
        assertEquals(3, reads.size(), "reads at " + reads);
        assertTrue(reads.get(1) >= 300 && reads.get(1) < 800, "the forged notification's read at " + reads.get(1));
        assertFalse(seen.how().contains("notification"), "seen by a poll: " + seen.how());
        assertEquals(2, listens.get(), "listened again after the forged one");
        forger.join();
    }

    @Test
    void givenAFloodOfRestartNotifications_thenAtMostOneReadPerGap() {
        // every listen is answered at once, as by a forger sending as fast as the receiver takes them
        AtomicInteger reads = new AtomicInteger();
        RebootWatch.Reader reader = () -> up(500_000 + reads.incrementAndGet());
        RebootWatch watch = new RebootWatch(reader, Clock.systemUTC(), Duration.ofSeconds(10), Duration.ZERO, 3,
                after -> CompletableFuture.completedFuture(after));

        StepFailure timeOut = assertThrows(StepFailure.class, () -> assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> watch.await(up(500_000), System.currentTimeMillis(), Duration.ofSeconds(1), "x")));

        assertTrue(timeOut.getMessage().startsWith("time-out"), timeOut.getMessage());
        long most = 1 + TimeUnit.SECONDS.toNanos(1) / RebootWatch.HINT_GAP_NANOS + 1;
        assertTrue(reads.get() >= 5 && reads.get() <= most, reads.get() + " reads in 1 s (at most " + most + ")");
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
