package org.uplift.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.uplift.rest.Http.json;
import static org.uplift.rest.Http.list;
import static org.uplift.rest.Http.refused;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;

class BackupsResourceTest {

    private final InMemoryDirectory directory = new InMemoryDirectory();
    private final InMemoryRepository.Backups backups = new InMemoryRepository.Backups();
    private final BackupsResource resource = new BackupsResource(directory, backups);

    @BeforeEach
    void twoBackups() {
        directory.addInventory(new InMemoryRepository.Inventory(
                new Device("iad-1", "192.0.2.1", 161, SnmpCredentials.v2c("p"), null),
                new Device("iad-2", "192.0.2.2", 161, SnmpCredentials.v2c("p"), null)));
        backups.store("iad-1", "format=1\nname=\"a\"\n".getBytes(StandardCharsets.UTF_8), "1.0.0", "1");
        backups.store("iad-1", "format=1\nname=\"b\"\n".getBytes(StandardCharsets.UTF_8), "2.0.0", "1");
    }

    @Test
    void givenTwoBackups_whenListed_thenBothAreThereOldestFirst() {
        Map<String, Object> json = json(resource.list("iad-1"), 200);
        assertEquals("iad-1", json.get("device"));
        assertEquals(List.of(new BigDecimal(1), new BigDecimal(2)),
                list(json, "backups").stream().map(b -> b.get("version")).toList());
    }

    @Test
    void givenAKnownDeviceWithoutBackups_whenListed_thenTheListIsEmpty() {
        assertEquals(List.of(), json(resource.list("iad-2"), 200).get("backups"));
    }

    @Test
    void givenADeviceNeitherKnownNorBackedUp_whenListed_then404() {
        refused(404, () -> resource.list("iad-9"));
    }

    @Test
    void givenADeviceRemovedFromTheInventory_whenListed_thenItsBackupsAreStillShown() {
        backups.store("gone-1", "x=1\n".getBytes(StandardCharsets.UTF_8), "1.0.0", "1");
        assertEquals(1, list(json(resource.list("gone-1"), 200), "backups").size());
    }

    @Test
    void givenABackup_whenShown_thenItsContentIsTheStoredText() {
        Map<String, Object> backup = json(resource.show("iad-1", "2"), 200);
        assertEquals("format=1\nname=\"b\"\n", backup.get("content"));
        assertEquals("2.0.0", backup.get("firmwareVersion"));
    }

    @Test
    void givenABadOrUnknownVersion_whenShown_then400Or404() {
        assertEquals("version must be a backup version (1, 2, ...), got 'latest'",
                refused(400, () -> resource.show("iad-1", "latest")).getMessage());
        refused(400, () -> resource.show("iad-1", "0"));
        assertEquals("device iad-1 has no backup version 7; see /uplift/devices/iad-1/backups",
                refused(404, () -> resource.show("iad-1", "7")).getMessage());
    }

    @Test
    void givenABackupWhoseFileNoLongerMatchesItsChecksum_whenShown_then500SaysSo() {
        backups.corrupt = "iad-1/1";
        assertEquals("backup 1 of iad-1 no longer matches its SHA-256",
                refused(500, () -> resource.show("iad-1", "1")).getMessage());
    }

    @Test
    void givenTwoVersions_whenDiffed_thenTheChangedLinesAreReturned() {
        Map<String, Object> diff = json(resource.diff("iad-1", "1", "2"), 200);
        assertEquals(List.of("-name=\"a\"", "+name=\"b\""), diff.get("lines"));
        assertEquals(false, diff.get("identical"));
        assertEquals(new BigDecimal(2), diff.get("to"));
    }

    @Test
    void givenAnIncompleteOrUnknownDiff_whenAsked_then400Or404() {
        refused(400, () -> resource.diff("iad-1", "1", null));
        refused(404, () -> resource.diff("iad-1", "1", "3"));
    }
}
