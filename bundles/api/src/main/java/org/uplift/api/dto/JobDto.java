package org.uplift.api.dto;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.JobState;

/**
 * A job with its plan, its step history, the live progress of a transfer under way and its decisions; the first
 * ten components are those of {@link JobSummaryDto}.
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
 * @param plan          the steps it runs and those left out
 * @param history       every state entered, oldest first
 * @param progress      the live progress while it runs, or {@code null}
 * @param prompt        how many times it has waited for a decision
 * @param lastDecision  who answered its newest answered prompt, or {@code null}
 * @since 0.4
 */
public record JobDto(String id, String device, String firmware, String targetVersion, JobState state, boolean ended,
        String campaign, Instant createdAt, Instant updatedAt, String message, List<PlanStepDto> plan,
        List<StepDto> history, ProgressDto progress, int prompt, DecisionDto lastDecision) {

    public JobDto {
        plan = List.copyOf(plan);
        history = List.copyOf(history);
    }

    /** The job, with {@code progress} as its live progress (give {@link Optional#empty()} for an ended job). */
    public static JobDto of(Job j, Optional<JobProgress> progress) {
        JobSummaryDto s = JobSummaryDto.of(j);
        return new JobDto(s.id(), s.device(), s.firmware(), s.targetVersion(), s.state(), s.ended(), s.campaign(),
                s.createdAt(), s.updatedAt(), s.message(), j.plan().steps().stream().map(PlanStepDto::of).toList(),
                j.history().stream().map(StepDto::of).toList(), progress.map(ProgressDto::of).orElse(null), j.prompt(),
                j.lastDecision() == null ? null : DecisionDto.of(j.lastDecision()));
    }
}
