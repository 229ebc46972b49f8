package org.uplift.repository.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uplift.api.repository.ConfigBackup;
import org.uplift.api.repository.RepositoryException;
import org.uplift.repository.storage.PropertiesFiles;
import org.uplift.repository.testing.Configs;
import org.uplift.repository.testing.Permissions;

class FileBackupStoreTest {

    @TempDir
    Path temp;

    private FileBackupStore store() throws IOException {
        return new FileBackupStore(Configs.of(FileBackupStore.Config.class,
                Map.of("directory", temp.resolve("backups").toString())));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    @Test
    void givenThreeBackups_whenReadBackAfterARestart_thenVersionsHistoryAndContentMatch() throws Exception {
        FileBackupStore store = store();
        ConfigBackup first = store.store("olt-7:lab", bytes("hostname a\n"), "2.0", "v1");
        store.store("olt-7:lab", bytes("hostname b\n"), "2.0", "v1");
        ConfigBackup third = store.store("olt-7:lab", bytes("hostname c\n"), "2.1", "v2");
        store.store("other", bytes("x"), null, null);

        FileBackupStore restarted = store();

        List<ConfigBackup> history = restarted.history("olt-7:lab");
        assertEquals(List.of(1, 2, 3), history.stream().map(ConfigBackup::version).toList());
        assertEquals(first, history.get(0));
        assertEquals(third, restarted.latest("olt-7:lab").orElseThrow());
        assertEquals(sha256(bytes("hostname c\n")), third.sha256());
        assertEquals(11, third.size());
        assertEquals("2.1", third.firmwareVersion());
        assertEquals("v2", third.formatVersion());
        assertArrayEquals(bytes("hostname b\n"), restarted.read("olt-7:lab", 2));
        assertEquals(1, restarted.latest("other").orElseThrow().version());
        assertTrue(restarted.history("nobody").isEmpty());
        assertTrue(restarted.latest("nobody").isEmpty());
    }

    @Test
    void givenABackupsFolderOpenToOthers_whenABackupIsStored_thenOnlyKarafsUserCanReadAnyOfIt() throws Exception {
        // as an older Uplift (or a careless mkdir) left it
        Files.createDirectories(temp.resolve("backups"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        store().store("sw1", bytes("snmp-server community secret"), "2.0", "v1");

        Path folder = temp.resolve("backups").resolve("sw1");
        assertEquals("rwx------", Permissions.of(temp.resolve("backups")));
        Permissions.assertPrivateFile(folder.resolve("1.cfg"));
        Permissions.assertPrivateFile(folder.resolve("1.properties"));
    }

    @Test
    void givenABackup_whenStored_thenContentAndMetadataFilesAreWrittenWithoutLeftovers() throws Exception {
        store().store("sw1", bytes("config"), "2.0", "v1");

        Path folder = temp.resolve("backups").resolve("sw1");
        assertArrayEquals(bytes("config"), Files.readAllBytes(folder.resolve("1.cfg")));
        Properties metadata = PropertiesFiles.read(folder.resolve("1.properties"));
        assertEquals(sha256(bytes("config")), metadata.getProperty("sha256"));
        assertEquals("6", metadata.getProperty("size"));
        assertEquals("2.0", metadata.getProperty("firmwareVersion"));
        assertEquals("v1", metadata.getProperty("formatVersion"));
        assertTrue(metadata.getProperty("takenAt").endsWith("Z"));
        try (var files = Files.list(folder)) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void givenABackupChangedOnDisk_whenRead_thenTheChecksumMismatchIsReported() throws Exception {
        FileBackupStore store = store();
        ConfigBackup backup = store.store("sw1", bytes("vlan 10\n"), "2.0", "v1");
        Files.write(temp.resolve("backups/sw1/1.cfg"), bytes("vlan 66\n"));

        RepositoryException e = assertThrows(RepositoryException.class, () -> store.read("sw1", 1));

        assertTrue(e.getMessage().contains("changed on disk since it was stored: expected SHA-256 "
                + backup.sha256() + ", found " + sha256(bytes("vlan 66\n"))), e.getMessage());
    }

    @Test
    void givenBadRequests_whenStoredOrRead_thenTheyAreRefusedWithClearMessages() throws Exception {
        FileBackupStore store = store();
        store.store("sw1", bytes("a"), "2.0", "v1");

        assertTrue(assertThrows(RepositoryException.class, () -> store.store("..", bytes("a"), "", ""))
                .getMessage().contains("not allowed"));
        assertTrue(assertThrows(RepositoryException.class, () -> store.store("a/b", bytes("a"), "", ""))
                .getMessage().contains("not allowed"));
        assertTrue(assertThrows(RepositoryException.class, () -> store.store("sw1", new byte[0], "", ""))
                .getMessage().contains("empty"));
        assertTrue(assertThrows(RepositoryException.class, () -> store.read("sw1", 2))
                .getMessage().contains("has no backup version 2"));
        assertTrue(store.history("../backups").isEmpty());
    }
}
