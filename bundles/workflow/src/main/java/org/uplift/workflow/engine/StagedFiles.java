package org.uplift.workflow.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.uplift.common.files.PrivateFiles;

/**
 * Configurations on disk while a job serves them: kept in the job's work folder, or staged for one
 * transfer. All are 0600 in 0700 folders: they hold the device's secrets.
 */
final class StagedFiles {

    private final Path workDirectory;

    StagedFiles(Path workDirectory) {
        this.workDirectory = workDirectory;
    }

    /** The migrated configuration, kept in the job's work folder while the job lives (the original stays in the backup store). */
    Path keep(String jobId, String format, byte[] content) throws StepFailure {
        try {
            Path dir = PrivateFiles.directory(PrivateFiles.directory(workDirectory).resolve(jobId));
            return PrivateFiles.write(dir.resolve("configuration-format-" + format + ".cfg"), content);
        } catch (IOException e) {
            throw new StepFailure("cannot keep the configuration to restore: " + e.getMessage(), e);
        }
    }

    Path stage(String name, byte[] content) throws StepFailure {
        try {
            return PrivateFiles.writeTemp(PrivateFiles.directory(workDirectory), name + "-", ".cfg", content);
        } catch (IOException e) {
            throw new StepFailure("cannot stage a configuration: " + e.getMessage(), e);
        }
    }

    static byte[] read(Path file) throws StepFailure {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StepFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover staging file is harmless; the next activation of the file server cleans up
        }
    }
}
