package org.uplift.snmp.events;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Runs a refresh on the receiver's own thread, never the caller's, and at most once per window:
 * requests in a window already refreshed are folded into one run at the window's end. A flood of
 * packets naming unknown SNMPv3 users thus costs one rebuild per window, and the listener thread
 * only sets a flag.
 */
final class RateLimitedRefresh {

    private final Runnable refresh;
    private final ScheduledExecutorService executor;
    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    private boolean scheduled;
    private boolean ran;
    private long lastRun;

    RateLimitedRefresh(Runnable refresh, ScheduledExecutorService executor, Duration window) {
        this(refresh, executor, window, System::nanoTime);
    }

    RateLimitedRefresh(Runnable refresh, ScheduledExecutorService executor, Duration window, LongSupplier nanoTime) {
        this.refresh = refresh;
        this.executor = executor;
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Asks for a refresh: at once if the last one is a window old, else once at the window's end. */
    synchronized void request() {
        requests.incrementAndGet();
        if (scheduled || executor.isShutdown()) {
            return;
        }
        long wait = ran ? Math.max(0, lastRun + windowNanos - nanoTime.getAsLong()) : 0;
        try {
            executor.schedule(this::run, wait, TimeUnit.NANOSECONDS);
            scheduled = true;
        } catch (RejectedExecutionException e) {
            // the receiver is closing: nothing left to refresh
        }
    }

    /** How many refreshes were asked for. */
    long requests() {
        return requests.get();
    }

    /** How many refreshes have run. */
    long runs() {
        return runs.get();
    }

    private void run() {
        synchronized (this) {
            scheduled = false;
            ran = true;
            lastRun = nanoTime.getAsLong();
        }
        runs.incrementAndGet();
        refresh.run();
    }
}
