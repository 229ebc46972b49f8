package org.uplift.repository.tftp;

import java.io.IOException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import org.apache.commons.net.tftp.TFTPAckPacket;
import org.apache.commons.net.tftp.TFTPPacket;

/**
 * The RFC 7440 sender of a download with a window above 1: keeps up to a window of blocks in flight,
 * times out on a measured round trip ({@link RttEstimator}), and resends from the gap at once when an
 * ACK shows the device missed a block (RFC 7440 section 4).
 *
 * <p>What it must not do is answer its own duplicates: receivers such as atftp answer a block they
 * already have with an extra ACK of their last block in order, which looks like a gap; resending on
 * it puts more duplicates on the wire, each answered again, and the transfer goes on at half its rate
 * to the end. Duplicates only come from this sender's own blind resends (the probe, a time-out), and
 * such a receiver answers only the first duplicate of a run, so the first ACK within the blocks in
 * flight at the last blind resend draws only blocks never sent; later ones show real gaps.
 *
 * <p>A lost last block of a window, or a lost ACK, shows no gap: the receiver just waits. Rather than
 * the whole time-out, a probe resends the window's last block after about two round trips (a tail
 * loss probe, as TCP has): a receiver missing it completes its window and acknowledges; one that
 * has it answers the duplicate with its last block.
 *
 * <p>But when the last ACK reported a gap, the receiver is past its one extra ACK: atftp, for one,
 * then drops every block out of order silently, the probe's too, until the missing one comes. Such
 * an ACK is either answered at once (a copy of the gap, which may be lost again) or taken for the
 * answer to a duplicate (which may be wrong: a copy sent at a time-out can be lost too). Either
 * way, if the receiver stays silent for the probe's two round trips, the probe goes back to the
 * gap and resends the window from there; waiting for the time-out instead cost a backed-off time-out
 * per such loss (and no round trip is measured while every block in flight is a copy, so the
 * back-off grew from one to the next).
 */
final class WindowedSender {

    /** Sends blocks {@code from..to}, absolute numbers from 1. */
    @FunctionalInterface
    interface Blocks {
        void send(long from, long to) throws IOException;
    }

    /** No probe sooner: on a LAN a late ACK (a busy device, a busy host) is more likely than a loss. */
    static final long PROBE_FLOOR_NANOS = 50_000_000L;

    private final TransferChannel channel;
    private final Blocks blocks;
    private final int window;
    private final long lastBlock;
    private final RttEstimator rtt;
    private final int maxRetries;
    /** When each block in flight was last sent and whether it was sent more than once; indexed by block % window. */
    private final long[] sentAt;
    private final boolean[] resent;

    private long acknowledged;
    private long sentHigh;
    /** ACKs from riskLow to riskTop may answer duplicates of a blind resend: see the class comment. */
    private long riskLow = 1;
    private long riskTop;
    private long deadline;
    /** When to probe the window's tail, if armed: by each send, until the probe or a time-out. */
    private long probeAt;
    private boolean probeArmed;
    private int retries;
    /** The acknowledged block whose repeated ACK was last taken for a lost first block. */
    private long repeatAnswered = -1;
    /** The last ACK that moved on left blocks sent before it unacknowledged: the receiver reported a gap. */
    private boolean gapReported;
    private final RecoveryCounts counts = new RecoveryCounts();
    /** Whole windows until a loss, then bursts with pauses between them. */
    private final BurstPacing pacing;

    WindowedSender(TransferChannel channel, Blocks blocks, int window, long lastBlock, RttEstimator rtt,
            int maxRetries) {
        this(channel, blocks, window, lastBlock, rtt, maxRetries, window);
    }

    /** @param burst blocks sent back to back once the receiver has lost some (a window's worth: never paused) */
    WindowedSender(TransferChannel channel, Blocks blocks, int window, long lastBlock, RttEstimator rtt,
            int maxRetries, int burst) {
        this(channel, blocks, window, lastBlock, rtt, maxRetries, new BurstPacing(burst));
    }

    WindowedSender(TransferChannel channel, Blocks blocks, int window, long lastBlock, RttEstimator rtt,
            int maxRetries, BurstPacing pacing) {
        this.pacing = pacing;
        this.channel = channel;
        this.blocks = blocks;
        this.window = window;
        this.lastBlock = lastBlock;
        this.rtt = rtt;
        this.maxRetries = maxRetries;
        this.sentAt = new long[window];
        this.resent = new boolean[window];
    }

    /** Sends every block and returns once the last is acknowledged; {@code progress} gets each new acknowledged block. */
    void run(BooleanSupplier cancelled, LongConsumer progress) throws IOException, TftpRefusal, TransferAborted {
        send(1, Math.min(window, lastBlock));
        while (acknowledged < lastBlock) {
            if (cancelled.getAsBoolean()) {
                throw new TftpRefusal(TftpRefusal.UNDEFINED, "transfer cancelled", "the ticket was closed");
            }
            boolean probeFirst = probeArmed && probeAt < deadline;
            TFTPPacket packet = channel.next(probeFirst ? probeAt : deadline);
            if (packet == null && probeFirst) {
                probe();
            } else if (packet == null) {
                timedOut();
            } else if (!(packet instanceof TFTPAckPacket ack)) {
                throw new TftpRefusal(TftpRefusal.ILLEGAL_OPERATION, "expected an ACK",
                        "the device sent a packet of type " + packet.getType() + " during a download");
            } else if (acknowledged(ack.getBlockNumber(), System.nanoTime())) {
                progress.accept(acknowledged);
            }
        }
    }

    /** Handles an ACK; returns {@code true} if it acknowledged blocks not acknowledged before. */
    private boolean acknowledged(int blockNumber, long now) throws IOException {
        long offset = (blockNumber - acknowledged) & 0xffff;
        if (offset > sentHigh - acknowledged) {
            return false; // older than the window, or a block never sent: stale, answered with nothing
        }
        long block = acknowledged + offset;
        boolean advanced = block > acknowledged;
        if (advanced) {
            if (!resent[slot(block)]) {
                rtt.sample(now - sentAt[slot(block)]);
            }
            acknowledged = block;
            retries = 0;
        }
        if (acknowledged >= lastBlock) {
            return advanced;
        }
        long end = Math.min(acknowledged + window, lastBlock);
        if (advanced && block == sentHigh) {
            pacing.windowThrough();
        }
        if (advanced) {
            // only an ACK that moved on proves a live receiver: a repeated one may be stale, and earns
            // one resend at most (firstRepeat), not a second window at the probe as well
            gapReported = block < sentHigh;
        }
        if (advanced && block < sentHigh && answersDuplicate(block)) {
            riskTop = 0; // a receiver answers the first duplicate only: later ACKs in the range show real gaps
        } else if (block < sentHigh && lost(block + 1, now) && (advanced || firstRepeat())) {
            counts.gapResends++;
            pacing.lost();
            send(block + 1, end); // the device has everything up to block and not the next: go on from the gap
            return advanced;
        }
        if (sentHigh < end) {
            send(sentHigh + 1, end); // only blocks never sent; what is in flight may still arrive
        }
        return advanced;
    }

    /**
     * An ACK of the block before the window is how a receiver tells that the window's first block was
     * lost; but repeated, or stale, it must not be answered again and again (Sorcerer's Apprentice, and
     * a flood of stale ACKs): answered once per acknowledged block, and not if it may answer a duplicate.
     */
    private boolean firstRepeat() {
        if (repeatAnswered == acknowledged || answersDuplicate(acknowledged)) {
            return false;
        }
        repeatAnswered = acknowledged;
        return true;
    }

    /** Whether an ACK of {@code block} may be the answer to a duplicate of the last blind resend. */
    private boolean answersDuplicate(long block) {
        return block >= riskLow && block <= riskTop;
    }

    /** Whether the device's ACK proves {@code block} lost, rather than racing its copy (reordering). */
    private boolean lost(long block, long now) {
        long smoothed = rtt.smoothedNanos();
        return smoothed < 0 || now - sentAt[slot(block)] >= smoothed * 3 / 4;
    }

    private void timedOut() throws IOException, TransferAborted {
        // retries only count at the full time-out: short, measured ones cost the device no patience
        if (rtt.atCeiling() && ++retries > maxRetries) {
            throw new TransferAborted("no answer from " + channel.peer().getAddress().getHostAddress() + " after "
                    + maxRetries + " retransmissions of the window");
        }
        counts.timeouts++;
        pacing.lost();
        rtt.backOff();
        resendWindow();
        probeArmed = false; // after a time-out, only the (backed-off) time-out again
    }

    /**
     * After two round trips of silence: back to the gap the last ACK reported (see the class
     * comment), else the tail loss probe, the last block sent. Once per silence, and neither gives
     * up on the time-out.
     */
    private void probe() throws IOException {
        if (gapReported) {
            counts.gapProbes++;
            pacing.lost();
            resendWindow();
            probeArmed = false;
            return;
        }
        counts.tailProbes++;
        long tail = sentHigh;
        blocks.send(tail, tail);
        resent[slot(tail)] = true;
        sentAt[slot(tail)] = System.nanoTime();
        blindlyResent(tail);
        probeArmed = false;
    }

    /** The window again from its first unacknowledged block. */
    private void resendWindow() throws IOException {
        long end = Math.min(acknowledged + window, lastBlock);
        send(acknowledged + 1, end);
        blindlyResent(acknowledged + 1);
        gapReported = false;
    }

    /** What loss recovery took so far, for the debug log. */
    RecoveryCounts counts() {
        return counts;
    }

    private void blindlyResent(long from) {
        if (acknowledged >= riskTop) {
            riskLow = from; // the earlier suspect blocks are all acknowledged: start afresh
        } else {
            riskLow = Math.min(riskLow, from);
        }
        riskTop = sentHigh;
    }

    private void send(long from, long to) throws IOException {
        pacing.send(from, to, blocks);
        long now = System.nanoTime();
        for (long block = from; block <= to; block++) {
            resent[slot(block)] = block <= sentHigh;
            sentAt[slot(block)] = now;
        }
        sentHigh = Math.max(sentHigh, to);
        deadline = now + rtt.rtoNanos();
        long smoothed = rtt.smoothedNanos();
        // no probe before a round trip is known: the time-out is then the transfer's own anyway
        probeArmed = smoothed >= 0;
        probeAt = now + Math.max(PROBE_FLOOR_NANOS, 2 * smoothed);
    }

    private int slot(long block) {
        return (int) (block % window);
    }
}
