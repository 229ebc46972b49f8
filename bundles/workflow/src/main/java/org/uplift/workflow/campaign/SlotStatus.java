package org.uplift.workflow.campaign;

import java.util.Map;

import org.uplift.api.workflow.JobState;

/** Where a campaign's device is, from its slot and its job. */
enum SlotStatus {
    /** No job started yet. */
    PENDING,
    /** A node is starting its job right now. */
    STARTING,
    /** Its job is under way. */
    RUNNING,
    /** Its job waits for the operator; the device still occupies a place within the concurrency limit. */
    AWAITING_DECISION,
    /** Upgraded. */
    DONE,
    /** Its job failed or was aborted, or it could not be started. */
    FAILED;

    boolean ended() {
        return this == DONE || this == FAILED;
    }

    /** Counts against the concurrency limit. */
    boolean active() {
        return this == STARTING || this == RUNNING || this == AWAITING_DECISION;
    }

    /** @param jobs the state of each of the campaign's jobs, by job id */
    static SlotStatus of(Slot slot, Map<String, JobState> jobs) {
        if (slot.startError() != null) {
            return FAILED;
        }
        if (slot.jobId() != null) {
            JobState job = jobs.get(slot.jobId());
            if (job == null) {
                // the job store was not readable this time: assume the job is still going, which is the safe side
                return RUNNING;
            }
            return switch (job) {
                case DONE -> DONE;
                case ABORTED, FAILED -> FAILED;
                case AWAITING_DECISION -> AWAITING_DECISION;
                default -> RUNNING;
            };
        }
        return slot.claimedAt() != null ? STARTING : PENDING;
    }
}
