package org.uplift.api.migration;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Chains the registered {@link ConfigMigrator}s to convert a configuration between any two format
 * versions of a model.
 *
 * @since 0.1
 */
@ProviderType
public interface MigrationService {

    /**
     * The shortest chain of format versions from {@code from} to {@code to}, both included; a
     * single element when they are equal.
     *
     * @throws MigrationException naming the missing step when no chain exists
     */
    List<String> chain(String model, String from, String to) throws MigrationException;

    /**
     * Converts a configuration along the shortest chain, then validates the result in the target
     * format when a {@link ConfigValidator} for it is registered.
     */
    byte[] migrate(String model, String from, String to, byte[] configuration) throws MigrationException;

    /** The registered migrators, in registration order. */
    List<MigrationStep> steps();

    /**
     * Validates a configuration in a format version of a model.
     *
     * @return {@code false} if no validator is registered for that model and format
     * @throws MigrationException naming the first problem found
     */
    boolean validate(String model, String format, byte[] configuration) throws MigrationException;
}
