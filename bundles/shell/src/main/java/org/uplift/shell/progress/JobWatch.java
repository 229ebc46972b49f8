package org.uplift.shell.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.StepRecord;

/** What has been shown of one job: the history entries printed so far and how far its current transfer got. */
final class JobWatch {

    /**
     * How long a job must stay in AWAITING_DECISION before following stops: a retry policy (or a host's
     * OperatorDecisions) answers within milliseconds, and the job moves on.
     */
    static final Duration SETTLE = Duration.ofSeconds(1);

    /** Without a total (an upload), the first byte count printed as a line; then at every doubling. */
    static final long FIRST_UNSIZED_LINE = 64 * 1024;

    private final String jobId;
    private final String deviceId;
    private JobState state;
    private Instant stepSince;
    private int shownHistory;
    private boolean transferring;
    private long bytes;
    private long totalBytes = -1;
    private int shownTenths;
    private long nextUnsizedLine = FIRST_UNSIZED_LINE;
    private Instant waitingSince;

    /** {@code showHistory}: print the job's history so far at the first {@link #update}; else only what follows. */
    JobWatch(Job job, boolean showHistory) {
        this.jobId = job.id();
        this.deviceId = job.deviceId();
        this.state = job.state();
        this.stepSince = job.history().isEmpty() ? job.createdAt() : job.history().get(job.history().size() - 1).at();
        this.shownHistory = showHistory ? 0 : job.history().size();
    }

    String jobId() {
        return jobId;
    }

    JobState state() {
        return state;
    }

    /** Ended, or waiting for the operator for {@link #SETTLE} at least: nothing will happen until someone decides. */
    boolean finished(Instant now) {
        return state.terminal() || (waitingSince != null && !now.isBefore(waitingSince.plus(SETTLE)));
    }

    /**
     * Prints the history entries not shown yet; a new entry starts a new step, so the transfer figures start
     * over. {@code now} is when this look began.
     */
    void update(Job job, ProgressOutput out, Instant now) {
        List<StepRecord> history = job.history();
        if (history.size() <= shownHistory) {
            enter(job.state(), now);
            return;
        }
        for (int i = shownHistory; i < history.size(); i++) {
            StepRecord r = history.get(i);
            out.line(line(r.state(), r.message()));
        }
        shownHistory = history.size();
        waitingSince = null; // a new entry: any wait seen before was answered
        enter(job.state(), now);
        stepSince = history.get(history.size() - 1).at();
        transferring = false;
        shownTenths = 0;
        nextUnsizedLine = FIRST_UNSIZED_LINE;
    }

    private void enter(JobState now, Instant at) {
        state = now;
        if (state != JobState.AWAITING_DECISION) {
            waitingSince = null;
        } else if (waitingSince == null) {
            waitingSince = at;
        }
    }

    /**
     * Takes the bytes moved in the current step. Without a terminal a line is printed at every tenth of
     * a file of known size (at every doubling otherwise), so a log gets about ten lines per transfer.
     */
    void progress(JobProgress progress, ProgressOutput out) {
        if (progress.state() != state) {
            return; // the history is behind: the next update starts the new step
        }
        transferring = progress.transferring();
        if (!transferring) {
            return;
        }
        bytes = progress.bytes();
        totalBytes = progress.totalBytes();
        if (out.live()) {
            return;
        }
        if (totalBytes > 0) {
            int tenths = (int) Math.min(10, bytes * 10 / totalBytes);
            if (tenths > shownTenths) {
                shownTenths = tenths;
                out.line(line(state, ByteFigures.transfer(bytes, totalBytes)));
            }
        } else if (totalBytes < 0 && bytes >= nextUnsizedLine) {
            nextUnsizedLine = bytes * 2;
            out.line(line(state, ByteFigures.transfer(bytes, totalBytes)));
        }
    }

    /** For the status line: the device, its step and the bytes moved, or how long it has been in the step. */
    String status(Instant now) {
        String what = transferring ? ByteFigures.transfer(bytes, totalBytes)
                : elapsed(Duration.between(stepSince, now));
        return deviceId + " " + state + " " + what;
    }

    /** "3f2a9c1e iad-1      UPDATE          3.1 MiB / 8.0 MiB (39%)". */
    String line(JobState step, String text) {
        return String.format("%s %-10s %-17s %s", jobId, deviceId, step, text);
    }

    static String elapsed(Duration d) {
        long s = Math.max(0, d.getSeconds());
        return s < 60 ? s + "s" : s < 3600 ? String.format("%dm%02ds", s / 60, s % 60)
                : String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
