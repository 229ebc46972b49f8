package org.uplift.api.workflow;

import java.time.Instant;

/**
 * One entry of a job's append-only history.
 *
 * @param state   the state entered
 * @param at      when
 * @param message what happened, for an operator (evidence, fail cause)
 * @since 0.1
 */
public record StepRecord(JobState state, Instant at, String message) {
}
