package org.uplift.api.workflow;

/**
 * Where an upgrade job is. Stored by name; the order is the happy path.
 *
 * @since 0.1
 */
public enum JobState {
    /** Accepted, not started. */
    PENDING,
    /** The device uploads its configuration to the file server (claim 1a, 5). */
    BACKUP,
    /** The uploaded file is checked: arrived whole and matches the device's digest (claim 2). */
    VERIFY_BACKUP,
    /** The running software version is recorded as the one to return to (claim 10). */
    KEEP_OLD_VERSION,
    /** The device downloads and loads the new software (claim 1b, 11). */
    UPDATE,
    /** The device answers again and runs the target version (claim 7). */
    VERIFY_UPDATE,
    /** The backed-up configuration is converted to the new software's format (claim 16). */
    MIGRATE_CONFIG,
    /** The device downloads its configuration back and loads it (claim 1c, 15). */
    RESTORE,
    /** The device's running configuration matches what was served (claim 12). */
    VERIFY_RESTORE,
    /**
     * A step failed (a failure message from the device or a time-out); the job holds no thread and
     * waits for the operator's (or a policy's) answer: retry the step or end the job (claims 4, 9, 14).
     */
    AWAITING_DECISION,
    /** The device is told to return to the software it kept, before an update is retried or the job ends (claim 10). */
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
