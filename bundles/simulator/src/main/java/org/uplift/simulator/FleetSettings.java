package org.uplift.simulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a fleet starts: {@code devices} devices on ports {@code basePort .. basePort + devices - 1}.
 *
 * @param devices       how many devices
 * @param basePort      the first device's port (0: each device gets a free port)
 * @param model         the model every device reports
 * @param version       the software every device runs at start
 * @param rebootSeconds how long a reboot silences a device
 * @param faults        faults per device index (1-based)
 */
public record FleetSettings(int devices, int basePort, String model, String version, int rebootSeconds,
        Map<Integer, Set<Fault>> faults) {

    public static final int DEFAULT_BASE_PORT = 11161;

    public FleetSettings {
        if (devices < 1 || devices > 10_000) {
            throw new IllegalArgumentException("devices must be 1-10000 (got " + devices + ")");
        }
        if (basePort != 0 && (basePort < 1 || basePort + devices - 1 > 65535)) {
            throw new IllegalArgumentException("ports " + basePort + ".." + (basePort + devices - 1) + " are not all valid");
        }
        if (rebootSeconds < 0) {
            throw new IllegalArgumentException("reboot seconds must not be negative");
        }
        for (Integer index : faults.keySet()) {
            if (index < 1 || index > devices) {
                throw new IllegalArgumentException("fault for device " + index + ", but devices are numbered 1-" + devices);
            }
        }
        faults = Map.copyOf(faults);
    }

    /** Parses fault specifications like {@code 3=download-fail}. */
    public static Map<Integer, Set<Fault>> parseFaults(List<String> specs) {
        Map<Integer, Set<Fault>> faults = new HashMap<>();
        for (String spec : specs) {
            if (spec == null || spec.isBlank()) {
                continue;
            }
            int eq = spec.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("fault '" + spec + "' must look like INDEX=KIND, e.g. 3=download-fail");
            }
            int index;
            try {
                index = Integer.parseInt(spec.substring(0, eq).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault '" + spec + "': device index is not a number");
            }
            Fault fault = Fault.parse(spec.substring(eq + 1));
            faults.computeIfAbsent(index, i -> new java.util.HashSet<>()).add(fault);
        }
        return faults;
    }

    DeviceSettings device(int index) {
        int port = basePort == 0 ? 0 : basePort + index - 1;
        return new DeviceSettings(index, port, model, version, DeviceSettings.DEFAULT_CONFIG_FORMAT,
                rebootSeconds * 1000L, faults.getOrDefault(index, Set.of()));
    }
}
