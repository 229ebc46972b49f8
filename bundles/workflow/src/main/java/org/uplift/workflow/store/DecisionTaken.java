package org.uplift.workflow.store;

import java.util.Objects;

import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.JobState;

/**
 * The decision that made the job's last move, and the state it moved the job into. Every other move
 * clears it, so a node taking the job up knows the step has not been entered yet since: it is a start,
 * not a resume.
 *
 * @param decision what was decided
 * @param into     the state the decision moved the job into
 */
public record DecisionTaken(Decision decision, JobState into) {

    public DecisionTaken {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(into, "into");
    }
}
