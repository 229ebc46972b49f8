package org.uplift.simulator;

import java.util.Set;

/**
 * How one simulated device starts.
 *
 * @param index         the device's number in its fleet (1-based); it appears in the configuration
 * @param port          UDP port of its SNMP agent on 127.0.0.1 (0 picks a free one)
 * @param model         the model it reports
 * @param version       the software version it runs at start
 * @param configFormat  the configuration format that version uses
 * @param rebootMillis  how long it stays silent when it reboots
 * @param faults        failures it shows
 */
public record DeviceSettings(int index, int port, String model, String version, String configFormat,
        long rebootMillis, Set<Fault> faults) {

    public static final String DEFAULT_MODEL = "IAD-1000";
    public static final String DEFAULT_VERSION = "1.0.0";
    public static final String DEFAULT_CONFIG_FORMAT = "1";

    public DeviceSettings {
        faults = Set.copyOf(faults);
    }

    /** A device with the defaults: IAD-1000 running 1.0.0, reboot in 3 s, no faults. */
    public static DeviceSettings defaults(int index, int port) {
        return new DeviceSettings(index, port, DEFAULT_MODEL, DEFAULT_VERSION, DEFAULT_CONFIG_FORMAT, 3000, Set.of());
    }

    public DeviceSettings withFaults(Set<Fault> newFaults) {
        return new DeviceSettings(index, port, model, version, configFormat, rebootMillis, newFaults);
    }

    public DeviceSettings withRebootMillis(long millis) {
        return new DeviceSettings(index, port, model, version, configFormat, millis, faults);
    }
}
