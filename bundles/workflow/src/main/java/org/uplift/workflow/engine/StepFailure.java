package org.uplift.workflow.engine;

/**
 * A step did not succeed; the message is the history entry an operator reads. A fatal failure
 * cannot be retried (e.g. a roll-back that failed) and ends the job as FAILED.
 */
final class StepFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean fatal;

    StepFailure(String message) {
        this(message, false, null);
    }

    StepFailure(String message, Throwable cause) {
        this(message, false, cause);
    }

    private StepFailure(String message, boolean fatal, Throwable cause) {
        super(message, cause);
        this.fatal = fatal;
    }

    static StepFailure fatal(String message) {
        return new StepFailure(message, true, null);
    }

    boolean isFatal() {
        return fatal;
    }
}
