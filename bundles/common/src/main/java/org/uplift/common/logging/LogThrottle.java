package org.uplift.common.logging;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * Lets a burst of warnings through per time window and counts the rest, so a flood of bad packets
 * or connections does not become a flood of log lines (disk, and the listener thread's time). The
 * count of lines left out is logged with the next line let through.
 */
public final class LogThrottle {

    private final String what;
    private final int burst;
    private final long windowNanos;
    private final LongSupplier nanoTime;

    private boolean started;
    private long windowStart;
    private int logged;
    private long skipped;

    /**
     * @param what   what the warnings are about, for the line that counts those left out
     * @param burst  lines let through per window
     * @param window the window
     */
    public LogThrottle(String what, int burst, Duration window) {
        this(what, burst, window, System::nanoTime);
    }

    LogThrottle(String what, int burst, Duration window, LongSupplier nanoTime) {
        if (burst < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a log throttle needs a burst of at least 1 and a positive window");
        }
        this.what = what;
        this.burst = burst;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Logs at WARN unless this window's burst is used up; then only counts. */
    public void warn(Logger log, String format, Object... arguments) {
        long before = admit();
        if (before < 0) {
            return;
        }
        if (before > 0) {
            log.warn("{}: {} more were not logged (at most {} per {} s are)", what, before, burst,
                    Math.max(1, windowNanos / 1_000_000_000L));
        }
        log.warn(format, arguments);
    }

    /**
     * {@code -1} if this line is to be left out, else how many were left out since the last line let
     * through.
     */
    synchronized long admit() {
        long now = nanoTime.getAsLong();
        if (!started || now - windowStart >= windowNanos) {
            started = true;
            windowStart = now;
            logged = 0;
        }
        if (logged >= burst) {
            skipped++;
            return -1;
        }
        logged++;
        long before = skipped;
        skipped = 0;
        return before;
    }
}
