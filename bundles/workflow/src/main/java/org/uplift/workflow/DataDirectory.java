package org.uplift.workflow;

import java.nio.file.Path;

/** Where Uplift keeps its files when a configuration names no directory: under Karaf's data folder. */
public final class DataDirectory {

    private DataDirectory() {
    }

    /** {@code configured} if set, else {@code ${karaf.data}/uplift/<name>} (or the temp dir outside Karaf). */
    public static Path resolve(String configured, String name) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String base = System.getProperty("karaf.data", System.getProperty("java.io.tmpdir"));
        return Path.of(base, "uplift", name);
    }
}
