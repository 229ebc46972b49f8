package org.uplift.api.workflow;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Asked when a job's step failed and its retry policy leaves the answer open. Registered as a
 * whiteboard service (a host UI, a site policy); the first that answers decides. If none answers,
 * the job waits in {@link JobState#AWAITING_DECISION}, holding no thread, until
 * {@link UpgradeService#retry} or {@link UpgradeService#abort} is called.
 *
 * @since 0.1
 */
@ConsumerType
public interface OperatorDecisions {

    /**
     * @param job        the job, in {@link JobState#AWAITING_DECISION}
     * @param failedStep the step that failed
     * @param reason     the failure message or time-out
     * @return the decision now, or empty to leave it to the operator
     */
    Optional<Decision> decide(Job job, JobState failedStep, String reason);
}
