package org.uplift.workflow.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.uplift.api.device.Device;
import org.uplift.api.device.DeviceInventory;
import org.uplift.api.device.DeviceRegistry;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.workflow.DataDirectory;

/**
 * Uplift's default inventory: devices an operator adds by hand, kept in one properties file that
 * only the Karaf user can read (it holds SNMP secrets).
 */
@Component(service = {DeviceRegistry.class, DeviceInventory.class}, configurationPid = "org.uplift.inventory")
@Designate(ocd = FileDeviceRegistry.Config.class)
public class FileDeviceRegistry implements DeviceRegistry {

    @ObjectClassDefinition(name = "Uplift device inventory", description = "Devices added by hand with uplift:device-add")
    public @interface Config {
        @AttributeDefinition(name = "File", description = "Properties file holding the devices; empty means ${karaf.data}/uplift/devices.properties")
        String file() default "";
    }

    private final Path file;
    private final Map<String, Device> devices = new TreeMap<>();

    @Activate
    public FileDeviceRegistry(Config config) {
        this(DataDirectory.resolve(config.file(), "devices.properties"));
    }

    FileDeviceRegistry(Path file) {
        this.file = file;
        load();
    }

    @Override
    public synchronized List<Device> devices() {
        return new ArrayList<>(devices.values());
    }

    @Override
    public synchronized Optional<Device> device(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    @Override
    public synchronized Device put(Device device) {
        devices.put(device.id(), device);
        save();
        return device;
    }

    @Override
    public synchronized boolean remove(String id) {
        boolean removed = devices.remove(id) != null;
        if (removed) {
            save();
        }
        return removed;
    }

    private void load() {
        if (!Files.exists(file)) {
            return;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the device inventory " + file, e);
        }
        DeviceCodec.decodeAll(p).forEach(d -> devices.put(d.id(), d));
    }

    private void save() {
        Properties p = DeviceCodec.encodeAll(devices.values());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "devices", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(tmp)) {
                p.store(out, "Uplift device inventory (contains SNMP secrets)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the device inventory " + file, e);
        }
    }

    /** Only for tests: a v2c device. */
    static Device v2c(String id, String host, int port, String community) {
        return new Device(id, host, port, SnmpCredentials.v2c(community), null);
    }
}
