package org.uplift.api.migration;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Converts a configuration from one format version to the next for one model. Registered as a
 * whiteboard service with the properties {@value #MODEL_PROPERTY}, {@value #FROM_PROPERTY} and
 * {@value #TO_PROPERTY}; {@value #MODEL_PROPERTY} {@code *} applies to every model.
 *
 * @since 0.1
 */
@ConsumerType
public interface ConfigMigrator {

    /** Service property: the model this migrator is for, or {@code *}. */
    String MODEL_PROPERTY = "uplift.model";

    /** Service property: the format version it reads. */
    String FROM_PROPERTY = "uplift.migration.from";

    /** Service property: the format version it writes. */
    String TO_PROPERTY = "uplift.migration.to";

    /** Converts one configuration; throws if the input is not in the expected format. */
    byte[] migrate(byte[] configuration) throws MigrationException;
}
