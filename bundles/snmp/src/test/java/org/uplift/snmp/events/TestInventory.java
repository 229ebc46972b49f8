package org.uplift.snmp.events;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.uplift.api.device.Device;
import org.uplift.api.device.DeviceInventory;

/** An inventory a test fills; it notes which threads read it (the receiver must read it on its own). */
public final class TestInventory implements DeviceInventory {

    final List<Device> devices = new CopyOnWriteArrayList<>();
    final Set<String> readers = ConcurrentHashMap.newKeySet();

    public TestInventory(Device... devices) {
        this.devices.addAll(List.of(devices));
    }

    @Override
    public List<Device> devices() {
        readers.add(Thread.currentThread().getName());
        return List.copyOf(devices);
    }

    @Override
    public Optional<Device> device(String id) {
        return devices.stream().filter(d -> d.id().equals(id)).findFirst();
    }
}
