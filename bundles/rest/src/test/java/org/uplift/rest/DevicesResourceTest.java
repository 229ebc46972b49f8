package org.uplift.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.uplift.rest.Http.json;
import static org.uplift.rest.Http.list;
import static org.uplift.rest.Http.refused;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.workflow.JobState;

class DevicesResourceTest {

    private final InMemoryDirectory directory = new InMemoryDirectory();
    private final InMemoryRepository.Backups backups = new InMemoryRepository.Backups();
    private final InMemoryUpgrades upgrades = new InMemoryUpgrades();
    private final DevicesResource resource = new DevicesResource(directory, backups, upgrades);

    @Test
    void givenV2cAndV3Devices_whenListed_thenNoCommunityOrPassphraseAppearsAnywhere() {
        directory.addInventory(new InMemoryRepository.Inventory(
                new Device("iad-2", "192.0.2.2", 161, SnmpCredentials.v2c("s3cret-community"), "uplift-iad"),
                new Device("iad-1", "192.0.2.1", 1161, SnmpCredentials.v3("ops", "auth-pass-123", "priv-pass-456"),
                        null)));
        var response = resource.list();
        String text = Http.text(response);
        for (String secret : List.of("s3cret-community", "auth-pass-123", "priv-pass-456")) {
            assertFalse(text.contains(secret), text);
        }
        List<Map<String, Object>> devices = list(json(response, 200), "devices");
        assertEquals(List.of("iad-1", "iad-2"), devices.stream().map(d -> d.get("id")).toList(), "ordered by id");
        assertEquals(Map.of("version", "v3", "user", "ops", "authProtocol", "SHA256", "privProtocol", "AES128"),
                devices.get(0).get("snmp"));
        assertEquals(Map.of("version", "v2c"), devices.get(1).get("snmp"));
        assertEquals(new BigDecimal(161), devices.get(1).get("snmpPort"));
        assertEquals("uplift-iad", devices.get(1).get("driver"));
        assertNull(devices.get(0).get("driver"));
    }

    @Test
    void givenTwoInventoriesKnowingOneId_whenListed_thenTheFirstRegisteredWins() {
        directory.addInventory(new InMemoryRepository.Inventory(
                new Device("iad-1", "192.0.2.1", 161, SnmpCredentials.v2c("a"), null)));
        directory.addInventory(new InMemoryRepository.Inventory(
                new Device("iad-1", "198.51.100.1", 161, SnmpCredentials.v2c("b"), null),
                new Device("cpe-1", "198.51.100.2", 161, SnmpCredentials.v2c("b"), null)));
        List<Map<String, Object>> devices = list(json(resource.list(), 200), "devices");
        assertEquals(List.of("cpe-1", "iad-1"), devices.stream().map(d -> d.get("id")).toList());
        assertEquals("192.0.2.1", devices.get(1).get("host"));
    }

    @Test
    void givenADeviceWithBackupsAndJobs_whenShown_thenItHasItsNewestBackupAndItsJobsOnly() {
        directory.addInventory(new InMemoryRepository.Inventory(
                new Device("iad-1", "192.0.2.1", 161, SnmpCredentials.v2c("p"), null)));
        backups.store("iad-1", "a=1\n".getBytes(StandardCharsets.UTF_8), "1.0.0", "1");
        backups.store("iad-1", "a=2\n".getBytes(StandardCharsets.UTF_8), "2.0.0", "1");
        upgrades.put("j1", "iad-1", JobState.DONE, null);
        upgrades.put("j2", "iad-2", JobState.UPDATE, null);
        Map<String, Object> device = json(resource.show("iad-1"), 200);
        assertEquals(new BigDecimal(2), ((Map<?, ?>) device.get("latestBackup")).get("version"));
        assertEquals(List.of("j1"), list(device, "jobs").stream().map(j -> j.get("id")).toList());
    }

    @Test
    void givenAnUnknownDevice_whenShown_then404() {
        assertEquals("no device 'iad-9' in the inventory", refused(404, () -> resource.show("iad-9")).getMessage());
    }
}
