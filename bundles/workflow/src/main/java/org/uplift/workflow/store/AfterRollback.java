package org.uplift.workflow.store;

/** Where a roll-back ends, as the decision that started it said. */
public enum AfterRollback {
    /** The update is tried again once the device is back on its old version (a retried update). */
    RETRY,
    /** The job ends as ABORTED once the device is back on its old version and configuration. */
    ABORT
}
