package org.uplift.api.migration;

/**
 * A configuration could not be migrated; the message names the missing or failing step.
 *
 * @since 0.1
 */
public class MigrationException extends Exception {
    private static final long serialVersionUID = 1L;

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
