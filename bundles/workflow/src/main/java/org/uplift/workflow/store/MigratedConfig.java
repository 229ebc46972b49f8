package org.uplift.workflow.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The configuration RESTORE serves: the backup taken to the new software's format, kept in the job's
 * work folder.
 *
 * @param file   where it is kept
 * @param sha256 its digest, hex: checked before it is served and against what the device then runs
 */
public record MigratedConfig(Path file, String sha256) {

    public MigratedConfig {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sha256, "sha256");
    }
}
