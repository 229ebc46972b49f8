package org.uplift.workflow.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.OperationType;

/**
 * Picks a device's drivers from the registered ones (whiteboard), per operation, since a device may
 * use one MIB for its configuration and another for its software. A device names its drivers in the
 * inventory ({@code "cisco-config-copy,docsis-sw"}), or they are chosen by the longest
 * {@value DeviceDriver#SYS_OBJECT_ID_PROPERTY} prefix of its sysObjectID.
 */
final class DriverSelector {

    record Registered(String name, List<String> prefixes, DeviceDriver driver) {
    }

    private final List<Registered> drivers = new CopyOnWriteArrayList<>();
    private final Map<String, String> sysObjectIds = new ConcurrentHashMap<>();

    void add(DeviceDriver driver, Map<String, ?> properties) {
        drivers.add(new Registered(String.valueOf(properties.get(DeviceDriver.NAME_PROPERTY)),
                prefixes(properties.get(DeviceDriver.SYS_OBJECT_ID_PROPERTY)), driver));
    }

    void remove(DeviceDriver driver) {
        drivers.removeIf(r -> r.driver() == driver);
    }

    /** The device's drivers in order: those it names, or those its sysObjectID matches, best first. */
    List<DeviceDriver> drivers(Device device) throws StepFailure {
        return candidates(device).stream().map(Registered::driver).toList();
    }

    /** A registered driver's name, for plans and messages. */
    String name(DeviceDriver driver) {
        return drivers.stream().filter(r -> r.driver() == driver).map(Registered::name).findFirst()
                .orElseGet(() -> driver.getClass().getSimpleName());
    }

    /** The driver that reads the device's facts: its first named driver, or the best sysObjectID match. */
    DeviceDriver forFacts(Device device) throws StepFailure {
        return candidates(device).get(0).driver();
    }

    /** The driver that commands {@code type} on the device. */
    DeviceDriver forOperation(Device device, OperationType type) throws StepFailure {
        List<Registered> candidates = candidates(device);
        return candidates.stream().filter(r -> r.driver().capabilities().can(type)).findFirst()
                .map(Registered::driver)
                .orElseThrow(() -> new StepFailure("no driver of device " + device.id() + " (" + names(candidates)
                        + ") can command " + type));
    }

    private List<Registered> candidates(Device device) throws StepFailure {
        if (drivers.isEmpty()) {
            throw new StepFailure("no device driver is installed (is the uplift feature fully started?)");
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
            throw new StepFailure("no installed driver (" + names(drivers) + ") is for device " + device.id()
                    + " with sysObjectID " + oid + ": name one with uplift:device-add --driver");
        }
        matching.sort(Comparator.comparingInt((Registered r) -> longestPrefix(r, oid)).reversed());
        return matching;
    }

    private List<Registered> named(Device device) throws StepFailure {
        List<Registered> named = new ArrayList<>();
        for (String name : device.driver().split(",")) {
            Optional<Registered> r = drivers.stream().filter(d -> d.name().equals(name.trim())).findFirst();
            named.add(r.orElseThrow(() -> new StepFailure("device " + device.id() + " names driver '" + name.trim()
                    + "', which is not installed; installed: " + names(drivers))));
        }
        return named;
    }

    /** Any driver can read sysObjectID (SNMPv2-MIB); the first that gets an answer tells it, and it is kept. */
    private String sysObjectId(Device device) throws StepFailure {
        String known = sysObjectIds.get(device.id());
        if (known != null) {
            return known;
        }
        String last = "no driver answered";
        for (Registered r : drivers) {
            try {
                String oid = r.driver().facts(device).sysObjectId();
                sysObjectIds.put(device.id(), oid);
                return oid;
            } catch (DeviceException e) {
                last = e.getMessage();
                if (e.unreachable()) {
                    break;
                }
            }
        }
        throw new StepFailure("cannot identify device " + device.id() + " to choose its driver: " + last);
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
        if (property instanceof java.util.Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return Arrays.stream(String.valueOf(property).split(",")).map(String::trim).toList();
    }

    private static String names(List<Registered> list) {
        return list.stream().map(Registered::name).toList().toString();
    }
}
