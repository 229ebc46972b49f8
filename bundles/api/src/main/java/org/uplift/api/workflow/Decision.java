package org.uplift.api.workflow;

/**
 * The answer to "the step failed: retry it?" (docs/design.md#operator-decision).
 *
 * @since 0.1
 */
public enum Decision {
    /** Run the failed step again; before an update is retried the device returns to its kept version (docs/design.md#keep-old-version). */
    RETRY,
    /** End the job; after a failed update or restore the device is returned to its old version and configuration. */
    ABORT
}
