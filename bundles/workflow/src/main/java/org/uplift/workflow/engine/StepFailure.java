package org.uplift.workflow.engine;

/** A step did not succeed; the message is the history entry an operator reads. */
final class StepFailure extends Exception {
    private static final long serialVersionUID = 1L;

    StepFailure(String message) {
        super(message);
    }

    StepFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
