package org.uplift.workflow.store;

import java.util.Objects;

/**
 * The backup a job took before it touched the device's software: what the migration starts from and
 * what a roll-back restores.
 *
 * @param version the backup's version in the backup store
 * @param sha256  the backed-up configuration's digest, hex
 * @param format  the configuration format the device reported then, {@code ""} if it reports none
 */
public record BackupEvidence(int version, String sha256, String format) {

    public BackupEvidence {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(format, "format");
    }
}
