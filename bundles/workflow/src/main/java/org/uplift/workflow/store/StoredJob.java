package org.uplift.workflow.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.uplift.api.workflow.DecisionRecord;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.StepRecord;

/**
 * A job as the store holds it.
 *
 * @param id            job id
 * @param deviceId      the device
 * @param firmwareId    catalogue id of the target image
 * @param targetVersion software version to reach
 * @param campaignId    the campaign it belongs to, or {@code null}
 * @param state         current state
 * @param createdAt     creation time
 * @param updatedAt     time of the last transition
 * @param record        what the job learnt and what steers it (policy, plan, old version, backup, the step a
 *                      decision is about...), changed by each transition
 * @param history       every transition, oldest first (append-only)
 * @param owner         node id holding the job's lease, or {@code null}
 * @param leaseUntil    until when the owner holds it, or {@code null}
 * @param prompt        how many times the job has entered AWAITING_DECISION: the number a decision answers
 * @param decided       who answered the newest answered prompt, or {@code null}
 */
public record StoredJob(String id, String deviceId, String firmwareId, String targetVersion, String campaignId,
        JobState state, Instant createdAt, Instant updatedAt, JobRecord record, List<StepRecord> history,
        String owner, Instant leaseUntil, int prompt, DecisionRecord decided) {

    public StoredJob {
        Objects.requireNonNull(record, "record");
        history = List.copyOf(history);
    }

    /** A job that has never waited for a decision. */
    public StoredJob(String id, String deviceId, String firmwareId, String targetVersion, String campaignId,
            JobState state, Instant createdAt, Instant updatedAt, JobRecord record, List<StepRecord> history,
            String owner, Instant leaseUntil) {
        this(id, deviceId, firmwareId, targetVersion, campaignId, state, createdAt, updatedAt, record, history, owner,
                leaseUntil, 0, null);
    }
}
