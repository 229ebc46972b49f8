package org.uplift.api.repository;

/**
 * A repository operation failed; the message is written for an operator.
 *
 * @since 0.1
 */
public class RepositoryException extends Exception {
    private static final long serialVersionUID = 1L;

    public RepositoryException(String message) {
        super(message);
    }

    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
