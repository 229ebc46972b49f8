package org.uplift.shell.completers;

import java.util.List;
import java.util.stream.Stream;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.device.Device;
import org.uplift.api.device.DeviceInventory;

/** Completes device ids from every inventory: Uplift's own and any a host NMS registers. */
@Service
public class DeviceIdCompleter extends IdCompleter {

    @Reference
    private List<DeviceInventory> inventories;

    @Override
    protected Stream<String> ids() {
        return inventories == null ? Stream.empty() : deviceIds(inventories);
    }

    static Stream<String> deviceIds(List<DeviceInventory> inventories) {
        return inventories.stream().flatMap(i -> i.devices().stream()).map(Device::id).sorted();
    }
}
