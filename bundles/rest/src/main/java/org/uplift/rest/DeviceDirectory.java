package org.uplift.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.uplift.api.device.Device;
import org.uplift.api.device.DeviceInventory;

/**
 * Every device Uplift can upgrade, from every registered {@link DeviceInventory} (Uplift's own and a host's),
 * as the workflow sees them: an inventory added or removed at run time counts at once; when two know the same
 * id, the first registered wins.
 */
@Component(service = DeviceDirectory.class)
public class DeviceDirectory {

    private final List<DeviceInventory> inventories = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addInventory(DeviceInventory inventory) {
        inventories.add(inventory);
    }

    void removeInventory(DeviceInventory inventory) {
        inventories.remove(inventory);
    }

    /** All devices, ordered by id. */
    public List<Device> devices() {
        Map<String, Device> byId = new LinkedHashMap<>();
        for (DeviceInventory inventory : inventories) {
            for (Device d : inventory.devices()) {
                byId.putIfAbsent(d.id(), d);
            }
        }
        List<Device> devices = new ArrayList<>(byId.values());
        devices.sort(Comparator.comparing(Device::id));
        return devices;
    }

    /** The device with this id, if an inventory knows it. */
    public Optional<Device> device(String id) {
        for (DeviceInventory inventory : inventories) {
            Optional<Device> d = inventory.device(id);
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }
}
