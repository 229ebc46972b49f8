package org.uplift.common.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LogThrottleTest {

    private final AtomicLong clock = new AtomicLong(1_000);
    private final LogThrottle throttle = new LogThrottle("TFTP refusals", 3, Duration.ofSeconds(10), clock::get);

    @Test
    void givenABurst_whenItExceedsTheLimit_thenTheRestIsCountedAndReportedWithTheNextWindowsFirstLine() {
        assertEquals(0, throttle.admit());
        assertEquals(0, throttle.admit());
        assertEquals(0, throttle.admit());
        for (int i = 0; i < 1000; i++) {
            assertEquals(-1, throttle.admit(), "line " + i + " past the burst is left out");
        }
        clock.addAndGet(Duration.ofSeconds(9).toNanos());
        assertEquals(-1, throttle.admit(), "still the same window");

        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        assertEquals(1001, throttle.admit(), "the next window's first line carries the count");
        assertEquals(0, throttle.admit());
    }

    @Test
    void givenAQuietStream_whenUnderTheLimit_thenEveryLineIsLogged() {
        for (int i = 0; i < 50; i++) {
            assertEquals(0, throttle.admit());
            clock.addAndGet(Duration.ofSeconds(4).toNanos());
        }
    }

    @Test
    void givenANonsenseLimit_whenBuilt_thenRefused() {
        assertThrows(IllegalArgumentException.class, () -> new LogThrottle("x", 0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new LogThrottle("x", 1, Duration.ZERO));
    }
}
