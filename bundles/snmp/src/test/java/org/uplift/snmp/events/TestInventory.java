package org.uplift.snmp.events;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.uplift.api.device.Device;
import org.uplift.api.directory.DeviceDirectory;
import org.uplift.api.driver.DeviceDriver;

/**
 * The devices a test fills, served as the {@link DeviceDirectory} the receiver reads (the real one lives in the
 * workflow bundle); it notes which threads read it (the receiver must read it on its own). Drivers are not the
 * receiver's business: asking for them fails.
 */
public final class TestInventory implements DeviceDirectory {

    final List<Device> devices = new CopyOnWriteArrayList<>();
    final Set<String> readers = ConcurrentHashMap.newKeySet();
    /** When set, reads fail with it (a directory whose inventory broke). */
    volatile RuntimeException failure;

    public TestInventory(Device... devices) {
        this.devices.addAll(List.of(devices));
    }

    @Override
    public List<Device> devices() {
        readers.add(Thread.currentThread().getName());
        RuntimeException broken = failure;
        if (broken != null) {
            throw broken;
        }
        return devices.stream().sorted(Comparator.comparing(Device::id)).toList();
    }

    @Override
    public Optional<Device> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    @Override
    public List<DeviceDriver> drivers(Device device) {
        throw new UnsupportedOperationException("a test directory has no drivers");
    }

    @Override
    public String name(DeviceDriver driver) {
        throw new UnsupportedOperationException("a test directory has no drivers");
    }
}
