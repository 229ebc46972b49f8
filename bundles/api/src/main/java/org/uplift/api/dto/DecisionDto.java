package org.uplift.api.dto;

import java.time.Instant;

import org.uplift.api.workflow.DecisionRecord;

/**
 * Who answered a job's prompt.
 *
 * @param prompt   the prompt answered
 * @param decision {@code RETRY} or {@code ABORT}
 * @param by       who
 * @param from     where from ("shell", "rest", "web console", a node for a policy)
 * @param at       when
 * @since 0.4
 */
public record DecisionDto(int prompt, String decision, String by, String from, Instant at) {

    public static DecisionDto of(DecisionRecord d) {
        return new DecisionDto(d.prompt(), d.decision().name(), d.by(), d.from(), d.at());
    }
}
