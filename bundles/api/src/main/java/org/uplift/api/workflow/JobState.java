package org.uplift.api.workflow;

/**
 * Where an upgrade job is. Stored by name; the order is the happy path.
 *
 * @since 0.1
 */
public enum JobState {
    /** Accepted, not started. */
    PENDING,
    /** The device uploads its configuration to the file server (docs/design.md#method-backup). */
    BACKUP,
    /** The uploaded file is checked: arrived whole and matches the device's digest (docs/design.md#verify-backup). */
    VERIFY_BACKUP,
    /** The running software version is recorded as the one to return to (docs/design.md#keep-old-version). */
    KEEP_OLD_VERSION,
    /** The device downloads and loads the new software (docs/design.md#method-update). */
    UPDATE,
    /** The device answers again and runs the target version (docs/design.md#verify-update). */
    VERIFY_UPDATE,
    /** The backed-up configuration is converted to the new software's format (docs/design.md#config-migration). */
    MIGRATE_CONFIG,
    /** The device downloads its configuration back and loads it (docs/design.md#method-restore). */
    RESTORE,
    /** The device's running configuration matches what was served (docs/design.md#verify-restore). */
    VERIFY_RESTORE,
    /**
     * A step failed (a failure message from the device or a time-out); the job holds no thread and
     * waits for the operator's (or a policy's) answer: retry the step or end the job (docs/design.md#operator-decision).
     */
    AWAITING_DECISION,
    /** The device is told to return to the software it kept, before an update is retried or the job ends (docs/design.md#keep-old-version). */
    ROLLBACK,
    /** The device answers again and runs its old version. */
    VERIFY_ROLLBACK,
    /** Upgraded, configuration restored and verified. */
    DONE,
    /** Ended by the operator's decision; the history says in which state the device was left. */
    ABORTED,
    /** Could not go on and nothing can be retried (e.g. Uplift lost the evidence it needs); the history says why. */
    FAILED;

    /** {@code true} for states a job never leaves. */
    public boolean terminal() {
        return this == DONE || this == FAILED || this == ABORTED;
    }
}
