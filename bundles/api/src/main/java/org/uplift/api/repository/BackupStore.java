package org.uplift.api.repository;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Configuration backups per device, each kept as a numbered version with its checksum. A backup
 * identical to the device's newest one (same content, firmware and format version) is not stored
 * again: {@link #store} returns the newest. Old versions may be deleted by retention, but never one a
 * {@link RepositoryUsage} reports in use.
 *
 * @since 0.1
 */
@ProviderType
public interface BackupStore {

    /** Stores a new version of the device's configuration and returns its record. */
    ConfigBackup store(String deviceId, byte[] content, String firmwareVersion, String formatVersion)
            throws RepositoryException;

    /** The device's backups, oldest first. */
    List<ConfigBackup> history(String deviceId);

    /** The device's newest backup. */
    Optional<ConfigBackup> latest(String deviceId);

    /**
     * The content of one backup, checked against its SHA-256.
     *
     * @throws RepositoryException if there is no such backup or its content no longer matches its checksum
     */
    byte[] read(String deviceId, int version) throws RepositoryException;

    /**
     * The unified diff from version {@code from} to version {@code to} of the device's configuration,
     * ignoring the store's volatile-line patterns.
     *
     * @throws RepositoryException if either version does not exist or cannot be read
     * @since 0.2
     */
    default BackupDiff diff(String deviceId, int from, int to) throws RepositoryException {
        throw new RepositoryException("this backup store cannot compare backups");
    }

    /**
     * The unified diff from version {@code from} to a configuration that is not stored (e.g. what a
     * migration would produce); the diff's {@code to} is {@code null}.
     *
     * @since 0.2
     */
    default BackupDiff diff(String deviceId, int from, byte[] candidate, String label) throws RepositoryException {
        throw new RepositoryException("this backup store cannot compare backups");
    }
}
