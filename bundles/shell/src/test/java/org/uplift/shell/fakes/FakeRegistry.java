package org.uplift.shell.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.uplift.api.device.Device;
import org.uplift.api.device.DeviceRegistry;
import org.uplift.api.device.SnmpCredentials;

/** An in-memory inventory. */
public final class FakeRegistry implements DeviceRegistry {

    private final List<Device> devices = new ArrayList<>();

    public FakeRegistry(String... ids) {
        for (String id : ids) {
            devices.add(new Device(id, "192.0.2.1", 161, SnmpCredentials.v2c("private"), null));
        }
    }

    @Override
    public List<Device> devices() {
        return List.copyOf(devices);
    }

    @Override
    public Optional<Device> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    @Override
    public Device put(Device device) {
        devices.removeIf(d -> d.id().equals(device.id()));
        devices.add(device);
        return device;
    }

    @Override
    public boolean remove(String id) {
        return devices.removeIf(d -> d.id().equals(id));
    }
}
