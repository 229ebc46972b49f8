package org.uplift.api.migration;

/**
 * One registered migrator: for {@code model} (or {@code *}), from one format version to another.
 *
 * @since 0.1
 */
public record MigrationStep(String model, String from, String to) {
}
