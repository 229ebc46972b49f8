package org.uplift.repository.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class StorageLocationTest {

    @Test
    void givenNoDirectory_whenResolved_thenKarafDataIsPreferredOverTheTemporaryFolder() {
        String saved = System.getProperty("karaf.data");
        try {
            System.clearProperty("karaf.data");
            assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "uplift", "backups").toAbsolutePath(),
                    StorageLocation.resolve("", "backups"));
            System.setProperty("karaf.data", "/opt/karaf/data");
            assertEquals(Path.of("/opt/karaf/data/uplift/backups"), StorageLocation.resolve(" ", "backups"));
            assertEquals(Path.of("/srv/uplift"), StorageLocation.resolve("/srv/uplift", "backups"));
        } finally {
            if (saved == null) {
                System.clearProperty("karaf.data");
            } else {
                System.setProperty("karaf.data", saved);
            }
        }
    }
}
