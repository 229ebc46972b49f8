package org.uplift.workflow.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceDriver;

/** Picks a device's driver from the registered drivers (whiteboard). */
final class DriverSelector {

    private record Registered(String name, DeviceDriver driver) {
    }

    private final List<Registered> drivers = new CopyOnWriteArrayList<>();

    void add(DeviceDriver driver, Map<String, ?> properties) {
        drivers.add(new Registered(String.valueOf(properties.get(DeviceDriver.NAME_PROPERTY)), driver));
    }

    void remove(DeviceDriver driver) {
        drivers.removeIf(r -> r.driver() == driver);
    }

    /** The driver the device names, or the only one installed. */
    DeviceDriver select(Device device) throws StepFailure {
        if (device.driver() != null) {
            return drivers.stream().filter(r -> r.name().equals(device.driver())).findFirst()
                    .map(Registered::driver)
                    .orElseThrow(() -> new StepFailure("device " + device.id() + " names driver '" + device.driver()
                            + "', which is not installed; installed: " + names()));
        }
        if (drivers.size() == 1) {
            return drivers.get(0).driver();
        }
        throw new StepFailure(drivers.isEmpty()
                ? "no device driver is installed (is the uplift feature fully started?)"
                : "device " + device.id() + " names no driver and several are installed (" + names()
                        + "): set one with uplift:device-add --driver");
    }

    private List<String> names() {
        return drivers.stream().map(Registered::name).toList();
    }
}
