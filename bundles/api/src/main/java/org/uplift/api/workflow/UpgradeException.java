package org.uplift.api.workflow;

/**
 * A job could not be started or changed; the message says why, for an operator.
 *
 * @since 0.1
 */
public class UpgradeException extends Exception {
    private static final long serialVersionUID = 1L;

    public UpgradeException(String message) {
        super(message);
    }

    public UpgradeException(String message, Throwable cause) {
        super(message, cause);
    }
}
