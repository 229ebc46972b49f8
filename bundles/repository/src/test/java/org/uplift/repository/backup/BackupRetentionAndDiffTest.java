package org.uplift.repository.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uplift.api.repository.BackupDiff;
import org.uplift.api.repository.ConfigBackup;
import org.uplift.api.repository.RepositoryException;
import org.uplift.api.repository.RepositoryUsage;
import org.uplift.repository.testing.Configs;

class BackupRetentionAndDiffTest {

    @TempDir
    Path temp;

    private FileBackupStore store(int keep) throws Exception {
        return new FileBackupStore(Configs.of(FileBackupStore.Config.class,
                Map.of("directory", temp.resolve("backups").toString(), "keepPerDevice", keep)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static List<Integer> versions(FileBackupStore store, String device) {
        return store.history(device).stream().map(ConfigBackup::version).toList();
    }

    @Test
    void givenAnIdenticalConsecutiveBackup_whenStored_thenTheNewestVersionIsReturnedAndNothingIsAdded()
            throws Exception {
        FileBackupStore store = store(0);
        ConfigBackup first = store.store("iad-1", bytes("hostname a\n"), "1.0", "v1");
        assertEquals(first, store.store("iad-1", bytes("hostname a\n"), "1.0", "v1"));
        assertEquals(List.of(1), versions(store, "iad-1"));

        // same text from another firmware or format is another backup: it restores differently
        assertEquals(2, store.store("iad-1", bytes("hostname a\n"), "2.0", "v2").version());
        // only consecutive duplicates are folded: going back to an older content is a new version
        store.store("iad-1", bytes("hostname b\n"), "2.0", "v2");
        assertEquals(4, store.store("iad-1", bytes("hostname a\n"), "2.0", "v2").version());
    }

    @Test
    void givenRetentionOfThree_whenMoreAreStored_thenTheOldestGoUnlessAJobNeedsThem() throws Exception {
        FileBackupStore store = store(3);
        store.addUsage(new RepositoryUsage() {
            @Override
            public Set<Integer> backupsInUse(String deviceId) {
                return "iad-1".equals(deviceId) ? Set.of(2) : Set.of();
            }
        });
        for (int i = 1; i <= 6; i++) {
            store.store("iad-1", bytes("hostname v" + i + "\n"), "1.0", "v1");
            store.store("iad-2", bytes("hostname v" + i + "\n"), "1.0", "v1");
        }
        assertEquals(List.of(2, 4, 5, 6), versions(store, "iad-1"), "version 2 is kept for a job");
        assertEquals(List.of(4, 5, 6), versions(store, "iad-2"));
        RepositoryException gone = assertThrows(RepositoryException.class, () -> store.read("iad-2", 1));
        assertTrue(gone.getMessage().contains("no backup version 1"), gone.getMessage());
        // numbering goes on after deletions: a version number is never reused
        assertEquals(7, store.store("iad-2", bytes("hostname v7\n"), "1.0", "v1").version());
    }

    @Test
    void givenAFailingUsageService_whenRetentionRuns_thenEverythingIsKept() throws Exception {
        FileBackupStore store = store(1);
        store.addUsage(new RepositoryUsage() {
            @Override
            public Set<Integer> backupsInUse(String deviceId) {
                throw new IllegalStateException("workflow stopping");
            }
        });
        store.store("iad-1", bytes("a\n"), "1.0", "v1");
        store.store("iad-1", bytes("b\n"), "1.0", "v1");
        assertEquals(List.of(1, 2), versions(store, "iad-1"));
    }

    @Test
    void givenTwoVersions_whenDiffed_thenAUnifiedDiffShowsTheChangeAndIgnoresVolatileLines() throws Exception {
        FileBackupStore store = store(0);
        store.store("iad-1", bytes("""
                ! Last configuration change at 10:00:01 UTC Mon Jan 1 2024
                hostname iad-1
                interface eth0
                 ip address 192.0.2.1 255.255.255.0
                 mtu 1500
                !
                snmp community private
                uptime: 1234
                line vty 0 4
                end
                """), "1.0", "v1");
        store.store("iad-1", bytes("""
                ! Last configuration change at 11:30:00 UTC Tue Jan 2 2024
                hostname iad-1
                interface eth0
                 ip address 192.0.2.9 255.255.255.0
                 mtu 1500
                !
                snmp community private
                uptime: 99999
                line vty 0 4
                end
                """), "1.0", "v1");

        BackupDiff diff = store.diff("iad-1", 1, 2);
        assertEquals(List.of(
                "--- iad-1 version 1 (" + diff.from().takenAt() + ")",
                "+++ iad-1 version 2 (" + diff.to().takenAt() + ")",
                "@@ -2,6 +2,6 @@",
                " hostname iad-1",
                " interface eth0",
                "- ip address 192.0.2.1 255.255.255.0",
                "+ ip address 192.0.2.9 255.255.255.0",
                "  mtu 1500",
                " !",
                " snmp community private"), diff.lines());
        assertEquals(4, diff.ignoredLines());
    }

    @Test
    void givenAConfigurationThatIsNotStored_whenDiffedAgainstAVersion_thenNothingIsStoredAndTheDiffShowsTheChange()
            throws Exception {
        FileBackupStore store = store(0);
        store.store("iad-1", bytes("format=1\nhostname a\n"), "1.0", "1");
        BackupDiff diff = store.diff("iad-1", 1, bytes("format=3\nhostname a\n"), "migrated (not stored)");
        assertEquals(List.of("--- iad-1 version 1 (" + diff.from().takenAt() + ")", "+++ migrated (not stored)",
                "@@ -1,2 +1,2 @@", "-format=1", "+format=3", " hostname a"), diff.lines());
        assertEquals(null, diff.to());
        assertEquals(List.of(1), versions(store, "iad-1"));
    }

    @Test
    void givenVersionsDifferingOnlyInVolatileLines_whenDiffed_thenTheyAreIdentical() throws Exception {
        FileBackupStore store = store(0);
        store.store("iad-1", bytes("# generated at 2024-01-01\nhostname a\n"), "1.0", "v1");
        store.store("iad-1", bytes("# generated at 2024-02-02\nhostname a\n"), "1.0", "v1");
        BackupDiff diff = store.diff("iad-1", 1, 2);
        assertTrue(diff.identical(), diff.lines().toString());
        assertEquals(2, diff.ignoredLines());
    }

    @Test
    void givenAnAddedAndARemovedBlock_whenDiffed_thenHunksAreSeparateWithContext() {
        UnifiedDiff differ = new UnifiedDiff(List.of());
        StringBuilder a = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            a.append("line ").append(i).append('\n');
        }
        String b = a.toString().replace("line 2\n", "").replace("line 18\n", "line 18\nnew 18b\n");
        List<String> lines = differ.diff(a.toString(), b, "a", "b").lines();
        assertEquals(List.of("--- a", "+++ b",
                "@@ -1,5 +1,4 @@", " line 1", "-line 2", " line 3", " line 4", " line 5",
                "@@ -16,5 +15,6 @@", " line 16", " line 17", " line 18", "+new 18b", " line 19", " line 20"),
                lines);
        assertEquals(List.of("--- a", "+++ b", "@@ -0,0 +1 @@", "+x"), differ.diff("", "x\n", "a", "b").lines());
    }

    @Test
    void givenAnUnknownVersion_whenDiffed_thenTheErrorNamesTheHistory() throws Exception {
        FileBackupStore store = store(0);
        store.store("iad-1", bytes("a\n"), "1.0", "v1");
        RepositoryException e = assertThrows(RepositoryException.class, () -> store.diff("iad-1", 1, 5));
        assertTrue(e.getMessage().contains("versions 1 to 1") || e.getMessage().contains("version 5"), e.getMessage());
    }
}
