package org.uplift.workflow.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.device.SnmpVersion;
import org.uplift.api.repository.TransferProtocol;

class FileDeviceRegistryTest {

    @TempDir
    Path dir;

    @Test
    void givenDevicesAdded_whenTheRegistryIsReopened_thenTheyAreStillThere() {
        Path file = dir.resolve("devices.properties");
        FileDeviceRegistry registry = new FileDeviceRegistry(file);
        registry.put(FileDeviceRegistry.v2c("iad-1", "127.0.0.1", 11161, "private"));
        registry.put(new Device("iad-2", "127.0.0.1", 11162,
                new SnmpCredentials(SnmpVersion.V3, null, "uplift", "SHA256", "authsecret1", "AES128", "privsecret1"),
                "uplift-iad"));

        FileDeviceRegistry reopened = new FileDeviceRegistry(file);
        assertEquals(2, reopened.devices().size());
        Device two = reopened.device("iad-2").orElseThrow();
        assertEquals("uplift-iad", two.driver());
        assertEquals("privsecret1", two.credentials().privPassphrase());
        assertEquals(11161, reopened.device("iad-1").orElseThrow().snmpPort());
    }

    @Test
    void givenADevicesTransferSettings_whenTheRegistryIsReopened_thenTheyAreKept() {
        Path file = dir.resolve("devices.properties");
        new FileDeviceRegistry(file).put(new Device("rtr-1", "2001:db8::7", 161, SnmpCredentials.v2c("private"),
                "cisco-config-copy,uplift-iad", TransferProtocol.FTP, "198.51.100.1", "192.0.2.9"));

        Device back = new FileDeviceRegistry(file).device("rtr-1").orElseThrow();
        assertEquals(TransferProtocol.FTP, back.transfer());
        assertEquals("198.51.100.1", back.serverAddress());
        assertEquals("192.0.2.9", back.transferSource());
        assertEquals(TransferProtocol.TFTP, new FileDeviceRegistry(file).put(
                FileDeviceRegistry.v2c("iad-1", "127.0.0.1", 11161, "private")).transfer(), "tftp by default");
    }

    @Test
    void givenAnAddressThatIsNone_whenADeviceIsMade_thenItIsRefusedSayingSo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FileDeviceRegistry.v2c("iad-9", "999.1.1.1", 161, "private"));
        assertEquals("device iad-9: '999.1.1.1' is neither an IPv4 or IPv6 address nor a host name", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> FileDeviceRegistry.v2c("iad-9", "2001:db8::zz", 161, "private"));
        assertThrows(IllegalArgumentException.class, () -> FileDeviceRegistry.v2c("iad-9", "bad host", 161, "private"));
        assertEquals("::1", FileDeviceRegistry.v2c("iad-9", "::1", 161, "private").host());
        assertEquals("modem-7.example.net",
                FileDeviceRegistry.v2c("iad-9", "modem-7.example.net", 161, "private").host());
    }

    @Test
    void givenAnSnmpV1Device_whenTheRegistryIsReopened_thenItIsStillV1WithItsCommunity() {
        Path file = dir.resolve("devices.properties");
        new FileDeviceRegistry(file).put(new Device("old-1", "127.0.0.1", 11163, SnmpCredentials.v1("private"), null));

        Device old = new FileDeviceRegistry(file).device("old-1").orElseThrow();

        assertEquals(SnmpVersion.V1, old.credentials().version());
        assertEquals("private", old.credentials().community());
        assertEquals("v1 community=****", old.credentials().toString());
    }

    @Test
    void givenADeviceRemoved_whenReopened_thenItIsGone() {
        Path file = dir.resolve("devices.properties");
        FileDeviceRegistry registry = new FileDeviceRegistry(file);
        registry.put(FileDeviceRegistry.v2c("iad-1", "127.0.0.1", 11161, "private"));
        assertTrue(registry.remove("iad-1"));
        assertFalse(registry.remove("iad-1"));
        assertTrue(new FileDeviceRegistry(file).devices().isEmpty());
    }

    @Test
    void givenSecretsInTheInventory_whenSaved_thenOnlyTheOwnerCanReadTheFile() throws Exception {
        Path file = dir.resolve("devices.properties");
        new FileDeviceRegistry(file).put(FileDeviceRegistry.v2c("iad-1", "127.0.0.1", 11161, "private"));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(file));
    }

    @Test
    void givenCredentials_whenPrinted_thenNoSecretShows() {
        String text = new SnmpCredentials(SnmpVersion.V3, null, "uplift", "SHA256", "authsecret1", "AES128",
                "privsecret1")
                + " " + SnmpCredentials.v2c("s3cret-community");
        assertFalse(text.contains("authsecret1") || text.contains("privsecret1") || text.contains("s3cret-community"),
                text);
    }
}
