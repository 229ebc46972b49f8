package org.uplift.api.migration;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Checks that a configuration is valid in one format version of a model (required keys, types,
 * ranges), so nothing invalid is ever served to a device. Registered as a whiteboard service with
 * the properties {@value ConfigMigrator#MODEL_PROPERTY} and {@value #FORMAT_PROPERTY}.
 *
 * @since 0.1
 */
@ConsumerType
public interface ConfigValidator {

    /** Service property: the format version this validator checks. */
    String FORMAT_PROPERTY = "uplift.format";

    /** Throws naming the first problem found (line, key and what is wrong). */
    void validate(byte[] configuration) throws MigrationException;
}
