package org.uplift.api.workflow;

/**
 * Who answers a prompt, and from where; stored with the answer.
 *
 * @param by   a user name or principal
 * @param from the interface and, where known, the address: "shell", "rest 10.0.0.5", "web console"
 * @since 0.3
 */
public record Decider(String by, String from) {

    /** Someone who did not say (a caller of {@link UpgradeService#decide(String, Decision)}). */
    public static final Decider UNKNOWN = new Decider("an operator", "unknown");

    public Decider {
        by = by == null || by.isBlank() ? "an operator" : by;
        from = from == null || from.isBlank() ? "unknown" : from;
    }
}
