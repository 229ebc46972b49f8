package org.uplift.api.workflow;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of one device's upgrade.
 *
 * @param id            job id
 * @param deviceId      the device
 * @param firmwareId    the catalogue id of the target image
 * @param targetVersion the software version to reach
 * @param state         current state
 * @param createdAt     when it was started
 * @param history       every state entered, oldest first
 * @param campaignId    the campaign it belongs to, or {@code null}
 * @param plan          the steps the job runs and their evidence (since 0.3; {@link JobPlan#UNKNOWN} for old jobs)
 * @param prompt        the job's decision number: how many times it has waited for a decision (since 0.3)
 * @param lastDecision  who answered its newest answered prompt, or {@code null} (since 0.3)
 * @since 0.1
 */
public record Job(String id, String deviceId, String firmwareId, String targetVersion, JobState state,
        Instant createdAt, List<StepRecord> history, String campaignId, JobPlan plan, int prompt,
        DecisionRecord lastDecision) {

    public Job {
        history = List.copyOf(history);
        plan = plan == null ? JobPlan.UNKNOWN : plan;
    }

    /** A job that has never waited for a decision. */
    public Job(String id, String deviceId, String firmwareId, String targetVersion, JobState state,
            Instant createdAt, List<StepRecord> history, String campaignId, JobPlan plan) {
        this(id, deviceId, firmwareId, targetVersion, state, createdAt, history, campaignId, plan, 0, null);
    }

    /** A job without a plan (stored before plans existed). */
    public Job(String id, String deviceId, String firmwareId, String targetVersion, JobState state,
            Instant createdAt, List<StepRecord> history, String campaignId) {
        this(id, deviceId, firmwareId, targetVersion, state, createdAt, history, campaignId, JobPlan.UNKNOWN);
    }

    /** The message of the newest history entry. */
    public String lastMessage() {
        return history.isEmpty() ? "" : history.get(history.size() - 1).message();
    }
}
