package org.uplift.api.repository;

import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard: who still needs repository content. The repository asks every registered
 * {@code RepositoryUsage} before it removes a firmware image or lets retention delete a backup,
 * and refuses (or keeps the backup) when any of them answers that the item is in use.
 *
 * @since 0.2
 */
@ConsumerType
public interface RepositoryUsage {

    /** {@code true} while a job or campaign will still serve this firmware image (catalogue id). */
    default boolean firmwareInUse(String firmwareId) {
        return false;
    }

    /** The backup versions of this device a job may still restore; empty if none. */
    default Set<Integer> backupsInUse(String deviceId) {
        return Set.of();
    }
}
