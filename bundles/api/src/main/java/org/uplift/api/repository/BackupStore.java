package org.uplift.api.repository;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Configuration backups per device, each kept as a numbered version with its checksum.
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
}
