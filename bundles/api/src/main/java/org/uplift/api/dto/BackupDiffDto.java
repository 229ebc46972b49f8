package org.uplift.api.dto;

import java.util.List;

import org.uplift.api.repository.BackupDiff;

/**
 * The unified diff of two backups of a device, volatile lines left out.
 *
 * @param device       the device
 * @param from         the older backup's version
 * @param to           the newer backup's version, or {@code null} when the newer side is not a stored backup
 * @param identical    whether nothing but volatile lines differ
 * @param ignoredLines how many volatile lines were left out
 * @param lines        the diff, one element per line
 * @since 0.4
 */
public record BackupDiffDto(String device, int from, Integer to, boolean identical, int ignoredLines,
        List<String> lines) {

    public BackupDiffDto {
        lines = List.copyOf(lines);
    }

    public static BackupDiffDto of(String deviceId, BackupDiff d) {
        return new BackupDiffDto(deviceId, d.from().version(), d.to() == null ? null : d.to().version(), d.identical(),
                d.ignoredLines(), d.lines());
    }
}
