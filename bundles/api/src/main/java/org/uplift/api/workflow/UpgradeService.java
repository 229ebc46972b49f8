package org.uplift.api.workflow;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Starts and inspects upgrade jobs. Every state change is also posted on Event Admin under
 * {@value #TOPIC_JOB_STATE} with the properties {@code job.id}, {@code device.id},
 * {@code state} and {@code message}.
 *
 * @since 0.1
 */
@ProviderType
public interface UpgradeService {

    /** Event Admin topic of job state changes. */
    String TOPIC_JOB_STATE = "org/uplift/job/STATE";

    /**
     * Event Admin topic posted when a job waits for a decision; properties as for
     * {@value #TOPIC_JOB_STATE} plus {@code failed.step}.
     */
    String TOPIC_DECISION_NEEDED = "org/uplift/job/DECISION_NEEDED";

    /**
     * Starts upgrading a device to a firmware version of its model.
     *
     * @throws UpgradeException if the device or the image is unknown, the device cannot be read, or
     *                          it already has a job running
     */
    Job start(String deviceId, String firmwareVersion) throws UpgradeException;

    /** As {@link #start(String, String)}, with a retry policy for failed steps. */
    Job start(String deviceId, String firmwareVersion, RetryPolicy policy) throws UpgradeException;

    /**
     * The job's live progress: its state and the bytes of the transfer under way, if any. Empty for an
     * unknown job. Transfers are seen only on the node running the job.
     */
    default Optional<JobProgress> progress(String jobId) {
        return job(jobId).map(j -> new JobProgress(j.id(), j.state(), 0, -1));
    }

    /** Starts a job as the request says; the other {@code start} methods are shorthands for it. */
    Job start(UpgradeRequest request) throws UpgradeException;

    /** The jobs of a campaign, oldest first. */
    List<Job> jobsOfCampaign(String campaignId);

    /**
     * Answers a job waiting in {@link JobState#AWAITING_DECISION}. {@link Decision#ABORT} also stops a
     * job that is running or stuck in a step: the step is stopped and counts as failed, then the job ends
     * as after any failure of that step (with a roll-back once the device's software was touched).
     *
     * @throws UpgradeException if there is no such job, it has ended, or RETRY is asked of a job not waiting
     */
    Job decide(String jobId, Decision decision) throws UpgradeException;

    /**
     * Answers prompt {@code prompt} of a job ({@link Job#prompt()} as the decider saw it) and records who
     * answered, from where. A prompt already answered is refused with who answered it and when, so two
     * operators never both act on one prompt. A running job (ABORT only) is stopped and its new prompt answered.
     * {@code prompt} 0 answers whichever prompt is open (a caller that showed none).
     *
     * @since 0.3
     */
    default Job decide(String jobId, int prompt, Decision decision, Decider decider) throws UpgradeException {
        return decide(jobId, decision);
    }

    /** The job with this id. */
    Optional<Job> job(String id);

    /** The newest jobs, newest first; a store may keep this to its longest page ({@link JobQuery#MAX_LIMIT}). */
    List<Job> jobs();

    /**
     * The jobs a query selects, one page of them, newest first, with how many match in all.
     * This default filters {@link #jobs()}; a service with a store should query it instead.
     *
     * @since 0.3
     */
    default JobPage jobs(JobQuery query) {
        List<Job> matching = jobs().stream().filter(query::matches).toList();
        int from = Math.min(query.offset(), matching.size());
        int to = Math.min(matching.size(), from + query.limit());
        return new JobPage(matching.subList(from, to), matching.size(), query.offset(), query.limit());
    }
}
