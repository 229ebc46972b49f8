package org.uplift.workflow.engine;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.OperatorDecisions;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.workflow.store.StoredJob;

/** Answers a failed step without the operator when it can: the job's policy, then any registered OperatorDecisions. */
final class PolicyDecisions implements JobDriver.DecisionSource {

    private static final Logger LOG = LoggerFactory.getLogger(PolicyDecisions.class);

    private final List<OperatorDecisions> operatorDecisions = new CopyOnWriteArrayList<>();

    void add(OperatorDecisions decisions) {
        operatorDecisions.add(decisions);
    }

    void remove(OperatorDecisions decisions) {
        operatorDecisions.remove(decisions);
    }

    /** The policy first, then any registered OperatorDecisions, else the operator (the job waits). */
    @Override
    public Optional<JobDriver.Decided> decide(StoredJob job, JobState failedStep, String reason) {
        RetryPolicy policy = job.record().policy();
        if (job.record().attempts(failedStep) <= policy.retries()) {
            return Optional
                    .of(new JobDriver.Decided(Decision.RETRY, JobDriver.byPolicy(job, failedStep, Decision.RETRY)));
        }
        if (policy.thenAbort()) {
            return Optional
                    .of(new JobDriver.Decided(Decision.ABORT, JobDriver.byPolicy(job, failedStep, Decision.ABORT)));
        }
        Job snapshot = JobViews.toJob(job);
        for (OperatorDecisions d : operatorDecisions) {
            try {
                Optional<Decision> answer = d.decide(snapshot, failedStep, reason);
                if (answer.isPresent()) {
                    return Optional.of(new JobDriver.Decided(answer.get(), "OperatorDecisions " + d.getClass().getName()
                            + " (policy " + policy + " left it open)"));
                }
            } catch (RuntimeException e) {
                LOG.warn("OperatorDecisions {} failed for job {}: {}", d.getClass().getName(), job.id(), e.toString());
            }
        }
        LOG.warn("Job {} on device {} waits for a decision: uplift:retry {} or uplift:abort {}", job.id(),
                job.deviceId(),
                job.id(), job.id());
        return Optional.empty();
    }
}
