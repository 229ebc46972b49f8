package org.uplift.workflow.engine;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.uplift.api.device.Device;
import org.uplift.api.directory.DeviceDirectory;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.Evidence;
import org.uplift.common.text.DeviceText;

/**
 * Reads a device's facts through its drivers, each fact from a driver that declares it as evidence:
 * a device may answer one MIB for its configuration and another for its software, and a fact a
 * driver does not declare is never taken from it (it would be empty, or from a MIB the device lacks).
 * The first driver reads sysObjectID and sysUpTime, which every SNMP agent serves.
 */
public final class DeviceReader {

    private static final DeviceFacts NOTHING = new DeviceFacts("", 0, "", "", "", "", "", -1);

    private final List<DeviceDriver> drivers;
    private final Map<Evidence, DeviceDriver> sources;

    DeviceReader(List<DeviceDriver> drivers) {
        if (drivers.isEmpty()) {
            throw new IllegalArgumentException("a device needs at least one driver");
        }
        this.drivers = List.copyOf(drivers);
        this.sources = new EnumMap<>(Evidence.class);
        for (Evidence e : Evidence.values()) {
            for (DeviceDriver d : drivers) {
                if (d.capabilities().gives(e)) {
                    sources.put(e, d);
                    break;
                }
            }
        }
    }

    /**
     * The device's facts through the drivers the directory gives it, as its job reads them: campaigns select
     * devices by what the same drivers say.
     */
    public static DeviceFacts read(DeviceDirectory directory, Device device) throws DeviceException {
        return new DeviceReader(directory.drivers(device)).read(device);
    }

    /** What the device's drivers can read back, together. */
    Set<Evidence> evidence() {
        return sources.isEmpty() ? EnumSet.noneOf(Evidence.class) : EnumSet.copyOf(sources.keySet());
    }

    boolean gives(Evidence e) {
        return sources.containsKey(e);
    }

    /** The driver a fact is read from, if any declares it. */
    Optional<DeviceDriver> sourceOf(Evidence e) {
        return Optional.ofNullable(sources.get(e));
    }

    /** The device's drivers, in the inventory's (or the sysObjectID match's) order. */
    List<DeviceDriver> drivers() {
        return drivers;
    }

    /** The driver that reads sysObjectID and sysUpTime. */
    DeviceDriver primary() {
        return drivers.get(0);
    }

    /** Every fact from its own driver; a fact no driver declares reads empty (-1 for the reboot counter). */
    DeviceFacts read(Device device) throws DeviceException {
        Map<DeviceDriver, DeviceFacts> read = new IdentityHashMap<>();
        DeviceFacts base = primary().facts(device);
        read.put(primary(), base);
        // what the device says is untrusted text: escaped here, where it enters the job's history
        return new DeviceFacts(DeviceText.escape(base.sysObjectId()), base.sysUpTime(),
                DeviceText.escape(fact(device, Evidence.MODEL, read).model()),
                DeviceText.escape(fact(device, Evidence.RUNNING_VERSION, read).runningVersion()),
                DeviceText.escape(fact(device, Evidence.KEPT_VERSION, read).keptVersion()),
                DeviceText.escape(fact(device, Evidence.CONFIG_FORMAT, read).formatVersion()),
                DeviceText.escape(fact(device, Evidence.CONFIG_DIGEST, read).configDigest()),
                gives(Evidence.REBOOT_COUNTER) ? fact(device, Evidence.REBOOT_COUNTER, read).engineBoots() : -1);
    }

    private DeviceFacts fact(Device device, Evidence e, Map<DeviceDriver, DeviceFacts> read) throws DeviceException {
        DeviceDriver source = sources.get(e);
        if (source == null) {
            return NOTHING;
        }
        DeviceFacts facts = read.get(source);
        if (facts == null) {
            facts = source.facts(device);
            read.put(source, facts);
        }
        return facts;
    }
}
