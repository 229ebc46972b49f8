package org.uplift.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.uplift.api.device.Device;
import org.uplift.api.device.DeviceInventory;
import org.uplift.api.directory.DeviceDirectory;
import org.uplift.api.driver.DeviceDriver;

/**
 * A test double of the {@link DeviceDirectory} service as its contract reads: devices of every inventory ordered
 * by id, the first registered inventory winning an id both know. The real directory is the workflow bundle's.
 */
final class InMemoryDirectory implements DeviceDirectory {

    private final List<DeviceInventory> inventories = new ArrayList<>();

    void addInventory(DeviceInventory inventory) {
        inventories.add(inventory);
    }

    @Override
    public List<Device> devices() {
        Map<String, Device> byId = new LinkedHashMap<>();
        inventories.forEach(i -> i.devices().forEach(d -> byId.putIfAbsent(d.id(), d)));
        List<Device> devices = new ArrayList<>(byId.values());
        devices.sort(Comparator.comparing(Device::id));
        return devices;
    }

    @Override
    public Optional<Device> device(String id) {
        return inventories.stream().map(i -> i.device(id)).flatMap(Optional::stream).findFirst();
    }

    @Override
    public List<DeviceDriver> drivers(Device device) {
        throw new UnsupportedOperationException("REST does not choose drivers");
    }

    @Override
    public String name(DeviceDriver driver) {
        throw new UnsupportedOperationException("REST does not choose drivers");
    }
}
