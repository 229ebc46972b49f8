package org.uplift.api.repository;

import java.time.Instant;

/**
 * One stored version of a device's configuration.
 *
 * @param deviceId        the device it was taken from
 * @param version         1, 2, 3... per device
 * @param takenAt         when it was stored
 * @param size            size in bytes
 * @param sha256          SHA-256 of the content, lower-case hex
 * @param firmwareVersion software version the device ran when the backup was taken
 * @param formatVersion   configuration format version of the content
 * @since 0.1
 */
public record ConfigBackup(String deviceId, int version, Instant takenAt, long size, String sha256,
        String firmwareVersion, String formatVersion) {
}
