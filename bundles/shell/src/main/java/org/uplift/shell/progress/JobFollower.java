package org.uplift.shell.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.UpgradeService;

/**
 * Follows jobs until each has ended or waits for a decision: every step as it is entered, and the
 * bytes of each transfer (on the status line of a terminal, else as a line at every tenth).
 */
public final class JobFollower {

    /** How often the jobs are looked at: four redraws a second at most. */
    static final Duration TICK = Duration.ofMillis(250);

    /**
     * The history is read again at least this often even when the state looks the same: a retry can
     * leave a step and come back to it between two looks.
     */
    static final Duration REREAD = Duration.ofSeconds(2);

    private final UpgradeService upgrades;
    private final ProgressOutput out;
    private final Pacer pacer;

    public JobFollower(UpgradeService upgrades, ProgressOutput out, Pacer pacer) {
        this.upgrades = upgrades;
        this.out = out;
        this.pacer = pacer;
    }

    /**
     * Follows {@code jobs} until each has ended or waits for a decision, or until {@code timeout} has
     * passed ({@code null}: no limit); returns their last snapshots, in the same order. With
     * {@code showHistory} their history so far is printed first, else only what happens from now.
     *
     * @throws InterruptedException when the thread is interrupted (Ctrl-C): the jobs go on
     */
    public List<Job> follow(List<Job> jobs, boolean showHistory, Duration timeout) throws InterruptedException {
        Map<String, JobWatch> watches = new LinkedHashMap<>();
        Map<String, Job> latest = new LinkedHashMap<>();
        Map<String, Instant> readAt = new LinkedHashMap<>();
        for (Job job : jobs) {
            watches.put(job.id(), new JobWatch(job, showHistory));
            latest.put(job.id(), job);
        }
        Instant deadline = timeout == null ? null : pacer.now().plus(timeout);
        try {
            while (true) {
                Instant now = pacer.now();
                for (JobWatch w : watches.values()) {
                    if (!w.finished(now) || !readAt.containsKey(w.jobId())) {
                        look(w, latest, readAt, now);
                    }
                }
                if (watches.values().stream().allMatch(w -> w.finished(now))
                        || (deadline != null && !now.isBefore(deadline))) {
                    return new ArrayList<>(latest.values());
                }
                out.status(watches.values().stream().filter(w -> !w.finished(now)).map(w -> w.status(now))
                        .collect(Collectors.joining("  |  ")));
                pacer.pause(TICK);
            }
        } finally {
            out.clearStatus();
        }
    }

    private void look(JobWatch w, Map<String, Job> latest, Map<String, Instant> readAt, Instant now) {
        JobProgress progress = upgrades.progress(w.jobId())
                .orElseThrow(() -> new IllegalStateException("job " + w.jobId() + " no longer exists"));
        Instant last = readAt.get(w.jobId());
        if (last == null || progress.state() != w.state() || !now.isBefore(last.plus(REREAD))) {
            Job job = upgrades.job(w.jobId())
                    .orElseThrow(() -> new IllegalStateException("job " + w.jobId() + " no longer exists"));
            w.update(job, out, now);
            latest.put(job.id(), job);
            readAt.put(job.id(), now);
        }
        w.progress(progress, out);
    }
}
