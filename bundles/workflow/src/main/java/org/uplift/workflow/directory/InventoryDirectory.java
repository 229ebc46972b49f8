package org.uplift.workflow.directory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.device.Device;
import org.uplift.api.device.DeviceInventory;
import org.uplift.api.directory.DeviceDirectory;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceException;

/**
 * The one {@link DeviceDirectory}: every registered inventory and driver (both whiteboards, dynamic), and the
 * one rule that gives a device its drivers. A device's sysObjectID is read once and kept, since the rule needs it
 * on every lookup and a device does not change its sysObjectID without changing its identity.
 */
@Component(service = DeviceDirectory.class)
public class InventoryDirectory implements DeviceDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(InventoryDirectory.class);

    private record Registered(String name, List<String> prefixes, DeviceDriver driver) {
    }

    private final List<DeviceInventory> inventories = new CopyOnWriteArrayList<>();
    private final List<Registered> drivers = new CopyOnWriteArrayList<>();
    private final Map<String, String> sysObjectIds = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addInventory(DeviceInventory inventory) {
        inventories.add(inventory);
    }

    public void removeInventory(DeviceInventory inventory) {
        inventories.remove(inventory);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    public void addDriver(DeviceDriver driver, Map<String, Object> properties) {
        drivers.add(new Registered(String.valueOf(properties.get(DeviceDriver.NAME_PROPERTY)),
                prefixes(properties.get(DeviceDriver.SYS_OBJECT_ID_PROPERTY)), driver));
    }

    public void removeDriver(DeviceDriver driver) {
        drivers.removeIf(r -> r.driver() == driver);
    }

    @Override
    public List<Device> devices() {
        Map<String, Device> byId = new LinkedHashMap<>();
        for (DeviceInventory inventory : inventories) {
            try {
                for (Device d : inventory.devices()) {
                    byId.putIfAbsent(d.id(), d);
                }
            } catch (RuntimeException e) {
                // a host's inventory that fails must not hide Uplift's own devices
                LOG.warn("Cannot read the devices of inventory {}: {}", inventory.getClass().getName(), e.toString());
            }
        }
        List<Device> devices = new ArrayList<>(byId.values());
        devices.sort(Comparator.comparing(Device::id));
        return devices;
    }

    @Override
    public Optional<Device> device(String id) {
        for (DeviceInventory inventory : inventories) {
            try {
                Optional<Device> d = inventory.device(id);
                if (d.isPresent()) {
                    return d;
                }
            } catch (RuntimeException e) {
                LOG.warn("Cannot look device {} up in inventory {}: {}", id, inventory.getClass().getName(),
                        e.toString());
            }
        }
        return Optional.empty();
    }

    @Override
    public List<DeviceDriver> drivers(Device device) throws DeviceException {
        return candidates(device).stream().map(Registered::driver).toList();
    }

    @Override
    public String name(DeviceDriver driver) {
        return drivers.stream().filter(r -> r.driver() == driver).map(Registered::name).findFirst()
                .orElseGet(() -> driver.getClass().getSimpleName());
    }

    private List<Registered> candidates(Device device) throws DeviceException {
        if (drivers.isEmpty()) {
            throw new DeviceException("no device driver is installed (is the uplift feature fully started?)", false);
        }
        if (device.driver() != null && !device.driver().isBlank()) {
            return named(device);
        }
        String oid = sysObjectId(device);
        List<Registered> matching = new ArrayList<>();
        for (Registered r : drivers) {
            if (longestPrefix(r, oid) > 0) {
                matching.add(r);
            }
        }
        if (matching.isEmpty()) {
            throw new DeviceException("no installed driver (" + names(drivers) + ") is for device " + device.id()
                    + " with sysObjectID " + oid + ": name one with uplift:device-add --driver", false);
        }
        matching.sort(Comparator.comparingInt((Registered r) -> longestPrefix(r, oid)).reversed());
        return matching;
    }

    private List<Registered> named(Device device) throws DeviceException {
        List<Registered> named = new ArrayList<>();
        for (String name : device.driver().split(",")) {
            Optional<Registered> r = drivers.stream().filter(d -> d.name().equals(name.trim())).findFirst();
            if (r.isEmpty()) {
                throw new DeviceException("device " + device.id() + " names driver '" + name.trim()
                        + "', which is not installed; installed: " + names(drivers), false);
            }
            named.add(r.get());
        }
        return named;
    }

    /** Any driver can read sysObjectID (SNMPv2-MIB); the first that gets an answer tells it, and it is kept. */
    private String sysObjectId(Device device) throws DeviceException {
        String known = sysObjectIds.get(device.id());
        if (known != null) {
            return known;
        }
        String last = "no driver answered";
        boolean unreachable = false;
        for (Registered r : drivers) {
            try {
                String oid = r.driver().facts(device).sysObjectId();
                sysObjectIds.put(device.id(), oid);
                return oid;
            } catch (DeviceException e) {
                last = e.getMessage();
                unreachable = e.unreachable();
                if (unreachable) {
                    break;
                }
            }
        }
        throw new DeviceException("cannot identify device " + device.id() + " to choose its driver: " + last,
                unreachable);
    }

    private static int longestPrefix(Registered r, String oid) {
        int best = 0;
        for (String p : r.prefixes()) {
            if ((oid.equals(p) || oid.startsWith(p + ".")) && p.length() > best) {
                best = p.length();
            }
        }
        return best;
    }

    private static List<String> prefixes(Object property) {
        if (property == null) {
            return List.of();
        }
        if (property instanceof String[] a) {
            return Arrays.asList(a);
        }
        if (property instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return Arrays.stream(String.valueOf(property).split(",")).map(String::trim).toList();
    }

    private static String names(List<Registered> list) {
        return list.stream().map(Registered::name).toList().toString();
    }
}
