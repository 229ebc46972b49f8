package org.uplift.snmp.events;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * Lets a burst of warnings through per time window and counts the rest, so a flood of bad packets
 * does not become a flood of log lines. The count left out is logged with the next line let through.
 * (The repository bundle has its own; bundles do not share private packages.)
 */
final class LogThrottle {

    private final String what;
    private final int burst;
    private final long windowNanos;
    private final LongSupplier nanoTime;

    private boolean started;
    private long windowStart;
    private int logged;
    private long skipped;

    LogThrottle(String what, int burst, Duration window) {
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
    void warn(Logger log, String format, Object... arguments) {
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

    /** {@code -1} if this line is left out, else how many were left out since the last one let through. */
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
