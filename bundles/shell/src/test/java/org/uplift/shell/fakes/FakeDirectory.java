package org.uplift.shell.fakes;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.directory.DeviceDirectory;
import org.uplift.api.driver.DeviceDriver;

/** A device directory of fixed devices (the real one walks every inventory); the shell never asks for drivers. */
public final class FakeDirectory implements DeviceDirectory {

    private final List<Device> devices;

    public FakeDirectory(String... ids) {
        this.devices = Arrays.stream(ids).distinct()
                .map(id -> new Device(id, "192.0.2.1", 161, SnmpCredentials.v2c("private"), null))
                .sorted(Comparator.comparing(Device::id)).toList();
    }

    @Override
    public List<Device> devices() {
        return devices;
    }

    @Override
    public Optional<Device> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    @Override
    public List<DeviceDriver> drivers(Device device) {
        throw new UnsupportedOperationException("not used by the shell");
    }

    @Override
    public String name(DeviceDriver driver) {
        throw new UnsupportedOperationException("not used by the shell");
    }
}
