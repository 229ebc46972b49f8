package org.uplift.api.dto;

import java.time.Instant;

import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.StepRecord;

/**
 * One entry of a job's history.
 *
 * @param state   the state entered
 * @param at      when
 * @param message what happened (device text among it)
 * @since 0.4
 */
public record StepDto(JobState state, Instant at, String message) {

    public static StepDto of(StepRecord r) {
        return new StepDto(r.state(), r.at(), r.message());
    }
}
