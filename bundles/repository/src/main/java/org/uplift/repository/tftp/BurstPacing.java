package org.uplift.repository.tftp;

import java.io.IOException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * How {@link WindowedSender} puts a window on the wire: whole, back to back, until the receiver
 * has lost blocks; from then on in bursts of {@link #BURST_BYTES} with a pause between them, doubled
 * per loss up to {@link #PAUSE_MAX_NANOS} and eased per window that got through whole, until it is
 * gone. A receiver that keeps its socket's default buffer (atftp: 208 KiB on Linux) loses most of a
 * 64 x 8 KiB window sent back to back, every time it is sent again, and stalls; one that keeps up
 * never waits.
 */
final class BurstPacing {

    static final int BURST_BYTES = 64 * 1024;
    static final long PAUSE_MIN_NANOS = 200_000L;
    static final long PAUSE_MAX_NANOS = 5_000_000L;

    /** Blocks per burst once pausing. */
    private final int burst;
    /** Waits between bursts: parks the sending thread, or records the pause in a test. */
    private final LongConsumer pause;
    /** 0 (whole windows back to back) until a loss. */
    private long pauseNanos;

    /** @param burst blocks sent back to back once the receiver has lost some (a window's worth: never paused) */
    BurstPacing(int burst) {
        this(burst, LockSupport::parkNanos);
    }

    BurstPacing(int burst, LongConsumer pause) {
        this.burst = Math.max(1, burst);
        this.pause = pause;
    }

    /** The receiver lost blocks: pause between bursts, or pause longer. */
    void lost() {
        pauseNanos = pauseNanos == 0 ? PAUSE_MIN_NANOS : Math.min(PAUSE_MAX_NANOS, pauseNanos * 2);
    }

    /** A window got through whole: ease off. */
    void windowThrough() {
        if (pauseNanos > 0) {
            pauseNanos = pauseNanos * 7 / 8;
            if (pauseNanos < PAUSE_MIN_NANOS / 4) {
                pauseNanos = 0;
            }
        }
    }

    /** The pause between bursts now; 0 while windows go out whole. */
    long pauseNanos() {
        return pauseNanos;
    }

    /** Sends blocks {@code from..to}, in bursts with pauses between them if the receiver has lost blocks. */
    void send(long from, long to, WindowedSender.Blocks blocks) throws IOException {
        if (pauseNanos == 0 || to - from + 1 <= burst) {
            blocks.send(from, to);
            return;
        }
        for (long first = from; first <= to; first += burst) {
            if (first > from) {
                pause.accept(pauseNanos);
            }
            blocks.send(first, Math.min(to, first + burst - 1));
        }
    }
}
