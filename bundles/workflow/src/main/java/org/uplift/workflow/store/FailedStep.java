package org.uplift.workflow.store;

import java.util.Objects;

import org.uplift.api.workflow.JobState;

/**
 * The step whose failure (or stop by an operator) put the job in AWAITING_DECISION: the decision
 * taken next is about it.
 *
 * @param step   the state the job was in
 * @param reason what the history says went wrong
 */
public record FailedStep(JobState step, String reason) {

    public FailedStep {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(reason, "reason");
    }
}
