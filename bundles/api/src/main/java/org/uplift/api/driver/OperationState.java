package org.uplift.api.driver;

/**
 * State of an operation as the device reports it.
 *
 * @since 0.1
 */
public enum OperationState {
    /** Accepted, not started yet. */
    WAITING,
    /** Transferring or loading. */
    RUNNING,
    /** The device reports success. */
    SUCCESSFUL,
    /** The device reports failure; see the fail cause. */
    FAILED,
    /** The device no longer knows the operation (its row is gone, e.g. after a reboot). */
    UNKNOWN
}
