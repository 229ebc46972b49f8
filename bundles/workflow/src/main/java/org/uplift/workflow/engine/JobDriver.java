package org.uplift.workflow.engine;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.DecisionRecord;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.workflow.store.AfterRollback;
import org.uplift.workflow.store.DecisionTaken;
import org.uplift.workflow.store.JobRecord;
import org.uplift.workflow.store.StoreException;
import org.uplift.workflow.store.StoredJob;

/**
 * Drives one job from its stored state until it ends or waits for a decision; then the thread is
 * given back (a waiting job holds no thread). Interrupted (Uplift stopping, a new bundle version
 * deployed), it leaves the job in its stored state for the next start to resume.
 */
final class JobDriver implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(JobDriver.class);

    /** How a waiting job gets its answer: from the policy, a registered OperatorDecisions, or not yet. */
    interface DecisionSource {
        Optional<Decided> decide(StoredJob job, JobState failedStep, String reason);
    }

    /** A decision and who made it, for the history ("policy retry:2 (attempt 1 of 2)", "OperatorDecisions X"). */
    record Decided(Decision decision, String who) {
    }

    private final StoredJob initial;
    private final Steps steps;
    private final Transit transit;
    private final DecisionSource decisions;
    private final Consumer<StoredJob> onExit;

    JobDriver(StoredJob initial, Steps steps, Transit transit, DecisionSource decisions, Consumer<StoredJob> onExit) {
        this.initial = initial;
        this.steps = steps;
        this.transit = transit;
        this.decisions = decisions;
        this.onExit = onExit;
    }

    @Override
    public void run() {
        StoredJob job = initial;
        try {
            while (!job.state().terminal() && job.state() != JobState.AWAITING_DECISION) {
                job = step(job);
            }
        } catch (InterruptedException e) {
            LOG.info("Job {} left in {} for the next start to resume", job.id(), job.state());
            Thread.currentThread().interrupt();
        } catch (Superseded e) {
            LOG.info("Job {} stopped here: {}", job.id(), e.getMessage());
        } catch (StoreException e) {
            LOG.error("Job {} stopped: the job store failed; it resumes when the store is back: {}", job.id(),
                    e.getMessage());
        } finally {
            steps.close();
            onExit.accept(job);
        }
    }

    private StoredJob step(StoredJob before) throws InterruptedException, StoreException, Superseded {
        StoredJob job = before;
        try {
            return steps.run(job);
        } catch (StepFailure e) {
            // a step may have moved the job on before it failed (BACKUP -> VERIFY_BACKUP): fail from where it is
            job = transit.reload(job);
            if (Thread.currentThread().isInterrupted()) {
                // Uplift is stopping (or a new version is being deployed): not the device's fault, resume later
                throw new InterruptedException("stopped during " + job.state() + ": " + e.getMessage());
            }
            if (e.isFatal()) {
                return transit.move(job, JobState.FAILED, job.state() + " failed: " + e.getMessage());
            }
            return awaitDecision(job, e.getMessage());
        } catch (RuntimeException e) {
            job = transit.reload(job);
            LOG.error("Job {} on device {} failed unexpectedly in {}", job.id(), job.deviceId(), job.state(), e);
            return transit.move(job, JobState.FAILED, job.state() + " failed: internal error: " + e);
        }
    }

    /** docs/design.md#step-failure: a failure message or a time-out stops the step and asks whether to retry. */
    private StoredJob awaitDecision(StoredJob job, String reason) throws StoreException, Superseded {
        JobState failed = job.state();
        StoredJob waiting = transit.move(job, JobState.AWAITING_DECISION, failed + " failed: " + reason,
                r -> r.withFailure(failed, reason, true));
        Optional<Decided> decided = decisions.decide(waiting, failed, reason);
        if (decided.isEmpty()) {
            return waiting;
        }
        return apply(transit, waiting, decided.get().decision(), decided.get().who());
    }

    /** Who decided when the job's own policy did. */
    static String byPolicy(StoredJob job, JobState failed, Decision decision) {
        RetryPolicy policy = job.record().policy();
        int attempts = job.record().attempts(failed);
        return decision == Decision.RETRY && attempts <= policy.retries()
                ? "policy " + policy + " (attempt " + attempts + " of " + policy.retries() + ")"
                : "policy " + policy;
    }

    /** Ends the history entry of a decision: who made it. */
    static final String DECIDED = "; decided by ";

    /** Moves a waiting job according to a decision; shared by policies and the operator's command. */
    static StoredJob apply(Transit transit, StoredJob waiting, Decision decision, String who)
            throws StoreException, Superseded {
        return apply(transit, waiting, decision, who, null);
    }

    /** @param answer who answered which prompt, stored with the move; {@code null} for a policy's decision */
    static StoredJob apply(Transit transit, StoredJob waiting, Decision decision, String who, DecisionRecord answer)
            throws StoreException, Superseded {
        Mover mover = (to, message, change) -> answer == null ? transit.move(waiting, to, message, change)
                : transit.answer(waiting, to, message, change, answer);
        JobState failed = waiting.record().failedStep();
        if (decision == Decision.RETRY) {
            JobState next = Transitions.retryTarget(failed);
            DecisionTaken taken = new DecisionTaken(decision, next);
            if (failed == JobState.ROLLBACK || failed == JobState.VERIFY_ROLLBACK) {
                // the roll-back is tried again for what it was for: an abort's roll-back still ends the job
                boolean thenUpdate = waiting.record().afterRollback()
                        .orElse(AfterRollback.ABORT) == AfterRollback.RETRY;
                return mover.move(next, "retry the roll-back, then " + (thenUpdate ? "the update" : "end the job")
                        + DECIDED + who, r -> r.withDecision(taken));
            }
            String what = next == JobState.ROLLBACK
                    ? "retry the update: first returning the device to its kept version"
                    : "retry " + failed;
            return mover.move(next, what + DECIDED + who,
                    r -> r.withAfterRollback(AfterRollback.RETRY).withDecision(taken));
        }
        JobState next = Transitions.abortTarget(failed);
        String what = switch (next) {
            case ABORTED -> "end the job; the device's software was not changed";
            case FAILED ->
                "end the job during its roll-back: the device's version and configuration are not verified, check it by hand";
            default -> "end the job: returning the device to its old version and configuration";
        };
        return mover.move(next, what + DECIDED + who,
                r -> r.withAfterRollback(AfterRollback.ABORT).withDecision(new DecisionTaken(decision, next)));
    }

    /** One move of the waiting job, plain or answering its prompt. */
    private interface Mover {
        StoredJob move(JobState to, String message, UnaryOperator<JobRecord> change) throws StoreException, Superseded;
    }
}
