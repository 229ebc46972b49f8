package org.uplift.api.repository;

import java.util.List;

/**
 * The unified diff between two backups of one device, volatile lines (timestamps, counters, as
 * configured) left out.
 *
 * @param from         the older side
 * @param to           the newer side, or {@code null} when it is not a stored backup
 * @param lines        the unified diff, one element per line ({@code ---}, {@code +++}, {@code @@} headers
 *                     and hunks); empty when the two differ only in volatile lines or not at all
 * @param ignoredLines how many volatile lines of both sides were left out of the comparison
 * @since 0.2
 */
public record BackupDiff(ConfigBackup from, ConfigBackup to, List<String> lines, int ignoredLines) {

    public BackupDiff {
        lines = List.copyOf(lines);
    }

    /** {@code true} when nothing but volatile lines differ. */
    public boolean identical() {
        return lines.isEmpty();
    }
}
