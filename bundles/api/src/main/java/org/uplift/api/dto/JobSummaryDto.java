package org.uplift.api.dto;

import java.time.Instant;
import java.util.List;

import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.StepRecord;

/**
 * A job in a list: where it is and its newest message, without its history.
 *
 * @param id            the job id
 * @param device        the device
 * @param firmware      the catalogue id of the target image
 * @param targetVersion the software version to reach
 * @param state         its state
 * @param ended         whether that state is final
 * @param campaign      its campaign, or {@code null}
 * @param createdAt     when it was started
 * @param updatedAt     when it entered its state
 * @param message       the message of its newest history entry
 * @since 0.4
 */
public record JobSummaryDto(String id, String device, String firmware, String targetVersion, JobState state,
        boolean ended, String campaign, Instant createdAt, Instant updatedAt, String message) {

    public static JobSummaryDto of(Job j) {
        List<StepRecord> history = j.history();
        return new JobSummaryDto(j.id(), j.deviceId(), j.firmwareId(), j.targetVersion(), j.state(),
                j.state().terminal(),
                j.campaignId(), j.createdAt(), history.isEmpty() ? j.createdAt() : history.get(history.size() - 1).at(),
                j.lastMessage());
    }
}
