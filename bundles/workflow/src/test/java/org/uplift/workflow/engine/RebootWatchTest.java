package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
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
    void givenTheFirstAnswerAfterTheRestartCameInLate_thenTheSettlePeriodEndsWithThePollSentAtItsEnd()
            throws Exception {
        // polls every 200 ms, settle 400 ms: the restarted device answers the poll sent at 0 ms, 200 ms and 400 ms,
        // which covers the period; its first answer takes 100 ms, the others none. Counted from when the answers
        // came in (100 ms to 400 ms: 300 ms) the period looked short and a fourth poll, 200 ms later, was awaited
        AtomicInteger reads = new AtomicInteger();
        RebootWatch.Reader reader = () -> {
            int n = reads.getAndIncrement();
            if (n == 0) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return up(150 + 20L * n); // sysUpTime goes on counting from the restart
        };
        RebootWatch watch = new RebootWatch(reader, Clock.systemUTC(), Duration.ofMillis(200), Duration.ofMillis(400),
                3);
        RebootWatch.Seen seen = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> watch.await(up(500_000), System.currentTimeMillis() - 10_000, Duration.ofSeconds(30), "x"));
        assertTrue(seen.how().startsWith("restarted"), seen.how());
        assertEquals(3, reads.get(), "polls sent at 0, 200 and 400 ms cover a settle period of 400 ms");
    }
}
