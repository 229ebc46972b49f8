package org.uplift.workflow.campaign;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;

/**
 * Reads a device's model and running version for a model selection, with the registered drivers: the
 * device's first named driver, else the driver whose sysObjectID prefix matches what the device
 * reports (any driver reads sysObjectID), else the first answer.
 */
final class FactsReader {

    private record Registered(String name, List<String> prefixes, DeviceDriver driver) {
    }

    private final List<Registered> drivers = new CopyOnWriteArrayList<>();

    void add(DeviceDriver driver, Map<String, ?> properties) {
        Object p = properties.get(DeviceDriver.SYS_OBJECT_ID_PROPERTY);
        List<String> prefixes = p == null ? List.of() : p instanceof String[] a ? Arrays.asList(a)
                : Arrays.stream(String.valueOf(p).split(",")).map(String::trim).toList();
        drivers.add(new Registered(String.valueOf(properties.get(DeviceDriver.NAME_PROPERTY)), prefixes, driver));
    }

    void remove(DeviceDriver driver) {
        drivers.removeIf(r -> r.driver() == driver);
    }

    /** @throws DeviceException if no driver can read the device; the message says why */
    DeviceFacts read(Device device) throws DeviceException {
        if (drivers.isEmpty()) {
            throw new DeviceException("no device driver is installed", false);
        }
        if (device.driver() != null && !device.driver().isBlank()) {
            String name = device.driver().split(",")[0].trim();
            Registered named = drivers.stream().filter(r -> r.name().equals(name)).findFirst()
                    .orElseThrow(() -> new DeviceException("device " + device.id() + " names driver '" + name
                            + "', which is not installed", false));
            return named.driver().facts(device);
        }
        DeviceFacts first = null;
        DeviceException last = null;
        for (Registered r : drivers) {
            try {
                DeviceFacts facts = r.driver().facts(device);
                if (matches(r, facts.sysObjectId())) {
                    return facts;
                }
                first = first == null ? facts : first;
            } catch (DeviceException e) {
                last = e;
            }
        }
        if (first != null) {
            return first;
        }
        throw last;
    }

    private static boolean matches(Registered r, String oid) {
        return oid != null && r.prefixes().stream().anyMatch(p -> oid.equals(p) || oid.startsWith(p + "."));
    }
}
