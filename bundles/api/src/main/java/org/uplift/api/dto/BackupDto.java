package org.uplift.api.dto;

import java.time.Instant;

import org.uplift.api.repository.ConfigBackup;

/**
 * One stored configuration backup of a device (its record, not its content).
 *
 * @param device          the device it was taken from
 * @param version         1, 2, 3... per device
 * @param takenAt         when it was stored
 * @param size            its size in bytes
 * @param sha256          SHA-256 of the content, lower-case hex
 * @param firmwareVersion the software version the device ran
 * @param formatVersion   the configuration format of the content
 * @since 0.4
 */
public record BackupDto(String device, int version, Instant takenAt, long size, String sha256, String firmwareVersion,
        String formatVersion) {

    public static BackupDto of(ConfigBackup b) {
        return new BackupDto(b.deviceId(), b.version(), b.takenAt(), b.size(), b.sha256(), b.firmwareVersion(),
                b.formatVersion());
    }
}
