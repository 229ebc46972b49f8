package org.uplift.workflow.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.common.device.RestartRule;

/**
 * Waits for a device to restart and then to answer steadily. A restart is seen only in the device's
 * own counters: sysUpTime no longer continuing from where it was (allowing for its 32-bit wrap after
 * about 497 days) and now shorter than the time since the command, or snmpEngineBoots rising. Silence
 * is not proof: a device may stop answering while it writes flash, and one reply may simply be lost;
 * a silence of many polls is written to the history, but only the counters decide. After a restart
 * the device must answer every poll for the settle period, so a device that restarts twice (a
 * bootloader update, a second reload) is waited out before anything is sent to it.
 *
 * <p>The settle period is counted from the answer that showed the restart, and a poll is sent when it
 * ends rather than at the next poll interval: otherwise its end fell between two polls about every
 * other time, and the job waited up to a poll interval longer than the period. Not counted from when
 * that first poll was sent: its answer may be to a retransmission, sent while the device was down.
 *
 * <p>A restart notification from the device (coldStart, warmStart: {@link Hints}) sends the next read
 * at once instead of at the next poll interval: the device is seen back as soon as its agent says so,
 * not up to a poll interval later. It is a hint only, as anyone may forge one: the read it causes
 * decides, as every other read does, and hints cause at most one read per {@link #HINT_GAP_NANOS}.
 */
final class RebootWatch {

    interface Reader {
        DeviceFacts read() throws DeviceException;
    }

    /** The device's restart notifications: a future completed with the receipt time of the first at or after {@code since}. */
    interface Hints {
        CompletableFuture<Instant> after(Instant since);

        Hints NONE = since -> new CompletableFuture<>();
    }

    /** What was seen: the device's facts once settled, and a line for the history. */
    record Seen(DeviceFacts facts, String how) {
    }

    private final Reader reader;
    private final Clock clock;
    private final Duration poll;
    private final Duration settle;
    private final int silentPolls;
    private final Hints hints;

    /** At most one hinted read per this many nanoseconds: a flood of forged notifications costs little. */
    static final long HINT_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    /** Reads waiting at once for a silent device: covers an SNMP time-out with retries of several poll intervals. */
    static final int MAX_IN_FLIGHT = 8;

    private static final ThreadFactory PROBE_THREADS = r -> {
        Thread t = new Thread(r, "uplift-reboot-probe");
        t.setDaemon(true);
        return t;
    };

    RebootWatch(Reader reader, Clock clock, Duration poll, Duration settle, int silentPolls) {
        this(reader, clock, poll, settle, silentPolls, Hints.NONE);
    }

    RebootWatch(Reader reader, Clock clock, Duration poll, Duration settle, int silentPolls, Hints hints) {
        this.reader = reader;
        this.clock = clock;
        this.poll = poll;
        this.settle = settle;
        this.silentPolls = Math.max(1, silentPolls);
        this.hints = hints;
    }

    /**
     * Waits until the device has restarted since {@code before} (read at {@code beforeMillis}) and then
     * answered steadily for the settle period; with {@code before} {@code null} the restart is known to
     * have happened already (seen before Uplift itself restarted) and only the settling is waited for.
     *
     * @throws StepFailure on a time-out, or when the device answers with an error
     */
    Seen await(DeviceFacts before, long beforeMillis, Duration timeout, String expecting)
            throws StepFailure, InterruptedException {
        ExecutorService probes = Executors.newCachedThreadPool(PROBE_THREADS);
        HintListener hinted = new HintListener(new ExecutorCompletionService<>(probes));
        try {
            hinted.listen(Instant.ofEpochMilli(beforeMillis));
            return await(before, beforeMillis, timeout, expecting, hinted);
        } finally {
            hinted.stop();
            // a read still waiting out its SNMP time-out ends by itself; its answer is not wanted
            probes.shutdownNow();
        }
    }

    /** Turns each restart notification into a {@link Reading#hint()} among the reads' answers. */
    private final class HintListener {
        final CompletionService<Reading> answers;
        private CompletableFuture<Instant> current;

        HintListener(CompletionService<Reading> answers) {
            this.answers = answers;
        }

        /** Listens for the next notification received at or after {@code since}. */
        synchronized void listen(Instant since) {
            current = hints.after(since);
            current.thenAccept(at -> {
                try {
                    answers.submit(() -> new Reading(-1, null, null, at));
                } catch (RejectedExecutionException e) {
                    // the watch is over
                }
            });
        }

        synchronized void stop() {
            current.cancel(false);
        }
    }

    private Seen await(DeviceFacts before, long beforeMillis, Duration timeout, String expecting,
            HintListener hinted) throws StepFailure, InterruptedException {
        CompletionService<Reading> answers = hinted.answers;
        long deadline = System.nanoTime() + timeout.toNanos();
        DeviceFacts reference = before;
        long referenceMillis = beforeMillis;
        int restarts = 0;
        long settledSince = before == null ? System.nanoTime() : -1;
        int silent = 0;
        long longestSilence = 0;
        long silentSince = 0;
        String lastSeen = "no answer";
        long nextAsk = System.nanoTime();
        long asked = 0;
        long newest = -1;
        int inFlight = 0;
        long lastAsk = Long.MIN_VALUE;
        boolean hintPending = false;
        long hintedSeq = -1;
        boolean toldByHint = false;
        while (System.nanoTime() < deadline) {
            // a read every poll interval, even while earlier ones still wait out their SNMP time-outs: a device
            // back from its restart is seen by the next poll, not after the read sent into its silence gives up
            if (System.nanoTime() >= nextAsk && inFlight < MAX_IN_FLIGHT) {
                long seq = asked++;
                answers.submit(() -> reading(seq));
                inFlight++;
                lastAsk = System.nanoTime();
                if (hintPending) {
                    hintedSeq = seq;
                    hintPending = false;
                }
                nextAsk = atSettleEnd(System.nanoTime() + poll.toNanos(), settledSince);
            }
            long wait = Math.min(nextAsk, deadline) - System.nanoTime();
            Future<Reading> done = inFlight < MAX_IN_FLIGHT ? answers.poll(Math.max(0, wait), TimeUnit.NANOSECONDS)
                    : answers.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (done == null) {
                continue;
            }
            Reading reading = outcome(done);
            if (reading.hint() != null) {
                // the device says it restarted: read it now (at most one such read per gap), and listen on
                nextAsk = Math.min(nextAsk, Math.max(System.nanoTime(), lastAsk + HINT_GAP_NANOS));
                hintPending = true;
                hinted.listen(reading.hint().plusNanos(1));
                continue;
            }
            inFlight--;
            if (reading.seq() < newest) {
                continue; // overtaken by a later read's answer: older news
            }
            newest = reading.seq();
            if (reading.failure() == null) {
                DeviceFacts now = reading.facts();
                if (silent > 0) {
                    longestSilence = Math.max(longestSilence, silent >= silentPolls ? clock.millis() - silentSince : 0);
                    if (settledSince >= 0) {
                        settledSince = System.nanoTime(); // silent while settling: not steady yet
                        nextAsk = atSettleEnd(nextAsk, settledSince);
                    }
                }
                silent = 0;
                if (reference != null && restarted(reference, referenceMillis, now)) {
                    restarts++;
                    toldByHint = reading.seq() == hintedSeq;
                    reference = now;
                    referenceMillis = clock.millis();
                    settledSince = System.nanoTime();
                    nextAsk = atSettleEnd(nextAsk, settledSince);
                    lastSeen = "restarted, reporting " + now.runningVersion();
                } else if (settledSince < 0) {
                    lastSeen = "still up since before the command, reporting " + now.runningVersion();
                } else {
                    reference = now;
                    referenceMillis = clock.millis();
                }
                if (settledSince >= 0 && System.nanoTime() - settledSince >= settle.toNanos()) {
                    return new Seen(now, describe(restarts, longestSilence, toldByHint));
                }
            } else {
                DeviceException e = reading.failure();
                if (!e.unreachable()) {
                    throw new StepFailure("cannot read the device: " + e.getMessage(), e);
                }
                if (silent++ == 0) {
                    silentSince = clock.millis();
                }
                lastSeen = "no answer for " + silent + " poll(s) (rebooting?)";
            }
        }
        throw new StepFailure("time-out: the device did not restart " + expecting + " and answer steadily within "
                + timeout.toSeconds() + " s (last seen: " + lastSeen + ")");
    }

    /** The next poll: at {@code planned}, or sooner if the settle period ends before that. */
    private long atSettleEnd(long planned, long settledSince) {
        if (settledSince < 0) {
            return planned;
        }
        long end = settledSince + settle.toNanos();
        return end > System.nanoTime() && end < planned ? end : planned;
    }

    /** One read's outcome, numbered in the order the reads were sent. */
    private record Reading(long seq, DeviceFacts facts, DeviceException failure, Instant hint) {
    }

    private static Reading outcome(Future<Reading> done) throws StepFailure, InterruptedException {
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw new StepFailure("cannot read the device: " + e.getCause(), e.getCause());
        }
    }

    private Reading reading(long seq) {
        try {
            return new Reading(seq, reader.read(), null, null);
        } catch (DeviceException e) {
            return new Reading(seq, null, e, null);
        }
    }

    /**
     * Whether the device restarted between the two readings: snmpEngineBoots rose, or sysUpTime does
     * not continue from the earlier reading (modulo its wrap) and is shorter than the time since then.
     */
    static boolean restarted(DeviceFacts before, long beforeMillis, DeviceFacts now, long nowMillis) {
        return RestartRule.restarted(before.sysUpTime(), before.engineBoots(), now.sysUpTime(), now.engineBoots(),
                nowMillis - beforeMillis);
    }

    private boolean restarted(DeviceFacts before, long beforeMillis, DeviceFacts now) {
        return restarted(before, beforeMillis, now, clock.millis());
    }

    private String describe(int restarts, long longestSilenceMillis, boolean toldByHint) {
        String how = restarts == 0 ? "had restarted" : restarts == 1 ? "restarted (sysUpTime went back)"
                : "restarted " + restarts + " times";
        if (toldByHint) {
            how += ", read at once on its restart notification,";
        }
        return how + " and answered steadily for " + seconds(settle.toMillis())
                + (longestSilenceMillis > 0 ? "; silent for up to " + seconds(longestSilenceMillis) : "");
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
