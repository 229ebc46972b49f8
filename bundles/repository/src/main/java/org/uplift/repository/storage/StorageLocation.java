package org.uplift.repository.storage;

import java.nio.file.Path;

/**
 * Where a store keeps its files when its configuration names no directory: under Karaf's data
 * folder when running in Karaf, else under the temporary folder (tests, plain JVMs).
 */
public final class StorageLocation {

    private StorageLocation() {
    }

    /**
     * The configured directory, or {@code ${karaf.data}/uplift/<leaf>} (falling back to
     * {@code ${java.io.tmpdir}/uplift/<leaf>}) when the configuration leaves it empty.
     */
    public static Path resolve(String configured, String leaf) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim()).toAbsolutePath();
        }
        String karafData = System.getProperty("karaf.data");
        String base = karafData != null && !karafData.isBlank() ? karafData : System.getProperty("java.io.tmpdir");
        return Path.of(base, "uplift", leaf).toAbsolutePath();
    }
}
