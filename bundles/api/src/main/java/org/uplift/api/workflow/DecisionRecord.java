package org.uplift.api.workflow;

import java.time.Instant;

/**
 * Who answered a job's prompt, kept in its own fields (never read back out of the history's text).
 *
 * @param prompt   the prompt answered: the job's decision number when it waited
 * @param decision the answer
 * @param by       who: a shell user, a REST principal, a page user, or a policy
 * @param from     where from: "shell", "rest 10.0.0.5", "web console", a node id for a policy
 * @param at       when
 * @since 0.3
 */
public record DecisionRecord(int prompt, Decision decision, String by, String from, Instant at) {
}
