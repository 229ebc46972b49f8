package org.uplift.workflow.engine;

import java.time.Clock;

import org.uplift.api.workflow.Decider;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.DecisionRecord;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeException.Reason;
import org.uplift.workflow.store.JobStore;
import org.uplift.workflow.store.StoreException;
import org.uplift.workflow.store.StoredJob;

/**
 * The operator's decisions: answers a job's open prompt, or stops a running job so it can be ended. A refusal
 * names its {@link Reason} (no such job, or the job is not waiting for this answer).
 */
final class Decisions {

    private final JobStore store;
    private final Transit transit;
    private final Transit operator;
    private final LeaseLoop leases;
    private final Clock clock;

    Decisions(JobStore store, Transit transit, LeaseLoop leases, Clock clock) {
        this.store = store;
        this.transit = transit;
        this.operator = transit.forOperator();
        this.leases = leases;
        this.clock = clock;
    }

    /** {@code prompt} 0 answers whichever prompt is open (callers that do not name one). */
    StoredJob decide(String jobId, int prompt, Decision decision, Decider decider) throws UpgradeException {
        try {
            StoredJob job = store.find(jobId)
                    .orElseThrow(() -> new UpgradeException(Reason.UNKNOWN_JOB, "no job '" + jobId + "'"));
            if (prompt > 0 && prompt != job.prompt() || prompt > 0 && job.state() != JobState.AWAITING_DECISION) {
                throw notOpen(job, prompt);
            }
            if (job.state().terminal() || (job.state() != JobState.AWAITING_DECISION && decision == Decision.RETRY)) {
                throw new UpgradeException(Reason.NOT_WAITING, "job " + jobId + " is " + job.state()
                        + ", not waiting for a decision");
            }
            if (job.state() != JobState.AWAITING_DECISION) {
                job = stop(job);
            }
            DecisionRecord answer = new DecisionRecord(job.prompt(), decision, decider.by(), decider.from(),
                    clock.instant());
            StoredJob moved;
            try {
                moved = JobDriver.apply(operator, job, decision, decider.by() + " (" + decider.from() + ")", answer);
            } catch (Superseded e) {
                throw notOpen(transit.reload(job), answer.prompt());
            }
            leases.claimSoon();
            return moved;
        } catch (StoreException e) {
            throw new UpgradeException(Reason.UNAVAILABLE, "cannot record the decision for job " + jobId + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpgradeException(Reason.UNAVAILABLE, "interrupted while stopping job " + jobId);
        }
    }

    /** Who answered the prompt already, from the job's own fields; or what the job waits for instead. */
    private static UpgradeException notOpen(StoredJob job, int prompt) {
        DecisionRecord d = job.decided();
        if (d != null && d.prompt() == prompt) {
            return new UpgradeException(Reason.NOT_WAITING, "job " + job.id() + ": prompt " + prompt
                    + " already decided by " + d.by() + " (" + d.from() + ") at " + d.at() + ": " + d.decision());
        }
        return new UpgradeException(Reason.NOT_WAITING, "job " + job.id() + ": prompt " + prompt
                + " is not open; the job is " + job.state()
                + (job.state() == JobState.AWAITING_DECISION ? " on prompt " + job.prompt() : "")
                + " (another operator or node changed it meanwhile?): look again");
    }

    /**
     * Stops a running (or stuck) job so the operator can end it: its thread here is interrupted, and
     * the stop is recorded as a failure of the step it was in, so the usual abort path follows.
     */
    private StoredJob stop(StoredJob job) throws StoreException, InterruptedException, UpgradeException {
        leases.stop(job.id());
        for (int attempt = 0; attempt < 5; attempt++) {
            StoredJob now = transit.reload(job);
            if (now.state() == JobState.AWAITING_DECISION || now.state().terminal()) {
                if (now.state().terminal()) {
                    throw new UpgradeException(Reason.NOT_WAITING, "job " + job.id() + " ended meanwhile: "
                            + now.state());
                }
                return now;
            }
            try {
                return operator.move(now, JobState.AWAITING_DECISION, now.state() + " stopped by the operator",
                        r -> r.withFailure(now.state(), "stopped by the operator", false));
            } catch (Superseded e) {
                // it moved on meanwhile (another node, or the step ended): look again
            }
        }
        throw new UpgradeException(Reason.NOT_WAITING, "job " + job.id() + " keeps changing; try again");
    }
}
