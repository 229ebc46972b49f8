package org.uplift.api.workflow;

/**
 * What happens when a step fails without an operator at hand: retry up to {@code retries} times, then
 * either wait for the operator ({@code thenAbort = false}) or end the job.
 *
 * @param retries   automatic retries per step, 0 for none
 * @param thenAbort after the retries: {@code true} ends the job, {@code false} waits for the operator
 * @since 0.1
 */
public record RetryPolicy(int retries, boolean thenAbort) {

    /** No automatic retry: every failure waits for the operator. */
    public static final RetryPolicy ASK = new RetryPolicy(0, false);

    public RetryPolicy {
        if (retries < 0 || retries > 100) {
            throw new IllegalArgumentException("retries must be 0..100, got " + retries);
        }
    }

    /** Parses {@code ask}, {@code abort}, {@code retry:N}, {@code retry:N:ask} or {@code retry:N:abort}. */
    public static RetryPolicy parse(String text) {
        String[] p = text.trim().split(":");
        try {
            return switch (p[0]) {
                case "ask" -> ASK;
                case "abort" -> new RetryPolicy(0, true);
                case "retry" -> new RetryPolicy(Integer.parseInt(p[1]), p.length > 2 && p[2].equals("abort"));
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "policy must be ask, abort, retry:N, retry:N:ask or retry:N:abort, got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return retries == 0 ? (thenAbort ? "abort" : "ask") : "retry:" + retries + (thenAbort ? ":abort" : ":ask");
    }
}
