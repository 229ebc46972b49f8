package org.uplift.simulator;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a fleet starts: {@code devices} devices on ports {@code basePort .. basePort + devices - 1}
 * of {@code host} (127.0.0.1 unless set, e.g. ::1), or, with {@code addressPerDevice}, each on {@code basePort}
 * of its own 127.0.x.y.
 *
 * @param devices          how many devices
 * @param basePort         the first device's port (0: each device gets a free port)
 * @param model            the model every device reports
 * @param version          the software every device runs at start
 * @param rebootSeconds    how long a reboot silences a device
 * @param faults           faults per device index (1-based)
 * @param addressPerDevice each device on its own loopback address (device N on {@link #address(int)})
 * @param personalities    the MIBs every device speaks
 * @param v3User           every device's SNMPv3 user
 * @param notifications    where devices send completion notifications, or {@code null}
 * @param configFormat     the configuration format of the software every device runs at start
 * @param tftpPort         the file server's TFTP port for MIBs that cannot name one (see {@link DeviceSettings})
 * @param configBytes      the size every device's configuration at start is padded to (0: unpadded)
 * @param httpPort         the file server's HTTP port for MIBs that cannot name one (see {@link DeviceSettings})
 * @param ftpPort          the file server's FTP port for MIBs that cannot name one (see {@link DeviceSettings})
 * @param host             the address every device binds and transfers from (a literal, IPv4 or IPv6), unless
 *                         {@code addressPerDevice}
 */
public record FleetSettings(int devices, int basePort, String model, String version, int rebootSeconds,
        Map<Integer, Set<Fault>> faults, boolean addressPerDevice, Set<Personality> personalities, V3User v3User,
        NotificationTarget notifications, String configFormat, int tftpPort, int configBytes, int httpPort,
        int ftpPort, String host) {

    public static final int DEFAULT_BASE_PORT = 11161;
    static final int MAX_DEVICES_ON_ONE_ADDRESS = 10_000;
    static final int MAX_DEVICES_ON_OWN_ADDRESSES = 50_000;

    public FleetSettings {
        // on one address, ports run out past 10,000 devices; with an address each, 127.0.x.y holds 253 x 256
        int most = addressPerDevice ? MAX_DEVICES_ON_OWN_ADDRESSES : MAX_DEVICES_ON_ONE_ADDRESS;
        if (devices < 1 || devices > most) {
            throw new IllegalArgumentException("devices must be 1-" + most + (addressPerDevice ? "" : " (1-"
                    + MAX_DEVICES_ON_OWN_ADDRESSES + " with an address per device)") + " (got " + devices + ")");
        }
        int lastPort = addressPerDevice ? basePort : basePort + devices - 1;
        if (basePort != 0 && (basePort < 1 || lastPort > 65535)) {
            throw new IllegalArgumentException("ports " + basePort + ".." + lastPort + " are not all valid");
        }
        if (rebootSeconds < 0) {
            throw new IllegalArgumentException("reboot seconds must not be negative");
        }
        for (Integer index : faults.keySet()) {
            if (index < 1 || index > devices) {
                throw new IllegalArgumentException(
                        "fault for device " + index + ", but devices are numbered 1-" + devices);
            }
        }
        faults = Map.copyOf(faults);
        personalities = Set.copyOf(personalities);
        RunningConfig.checkSize(configBytes);
        if (httpPort < 1 || httpPort > 65535) {
            throw new IllegalArgumentException("HTTP port must be 1-65535 (got " + httpPort + ")");
        }
        if (ftpPort < 1 || ftpPort > 65535) {
            throw new IllegalArgumentException("FTP port must be 1-65535 (got " + ftpPort + ")");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be an address, e.g. 127.0.0.1 or ::1");
        }
        host = host.trim();
        if (addressPerDevice && !host.equals(DeviceSettings.DEFAULT_HOST)) {
            throw new IllegalArgumentException("host " + host + " and an address per device exclude each other "
                    + "(each device then has its own 127.0.x.y)");
        }
    }

    /** Every device on 127.0.0.1 (or its own 127.0.x.y). */
    public FleetSettings(int devices, int basePort, String model, String version, int rebootSeconds,
            Map<Integer, Set<Fault>> faults, boolean addressPerDevice, Set<Personality> personalities, V3User v3User,
            NotificationTarget notifications, String configFormat, int tftpPort, int configBytes, int httpPort,
            int ftpPort) {
        this(devices, basePort, model, version, rebootSeconds, faults, addressPerDevice, personalities, v3User,
                notifications, configFormat, tftpPort, configBytes, httpPort, ftpPort, DeviceSettings.DEFAULT_HOST);
    }

    /** The well-known FTP port. */
    public FleetSettings(int devices, int basePort, String model, String version, int rebootSeconds,
            Map<Integer, Set<Fault>> faults, boolean addressPerDevice, Set<Personality> personalities, V3User v3User,
            NotificationTarget notifications, String configFormat, int tftpPort, int configBytes, int httpPort) {
        this(devices, basePort, model, version, rebootSeconds, faults, addressPerDevice, personalities, v3User,
                notifications, configFormat, tftpPort, configBytes, httpPort, DeviceSettings.WELL_KNOWN_FTP_PORT);
    }

    /** The well-known HTTP port. */
    public FleetSettings(int devices, int basePort, String model, String version, int rebootSeconds,
            Map<Integer, Set<Fault>> faults, boolean addressPerDevice, Set<Personality> personalities, V3User v3User,
            NotificationTarget notifications, String configFormat, int tftpPort, int configBytes) {
        this(devices, basePort, model, version, rebootSeconds, faults, addressPerDevice, personalities, v3User,
                notifications, configFormat, tftpPort, configBytes, DeviceSettings.WELL_KNOWN_HTTP_PORT);
    }

    /** Unpadded configurations. */
    public FleetSettings(int devices, int basePort, String model, String version, int rebootSeconds,
            Map<Integer, Set<Fault>> faults, boolean addressPerDevice, Set<Personality> personalities, V3User v3User,
            NotificationTarget notifications, String configFormat, int tftpPort) {
        this(devices, basePort, model, version, rebootSeconds, faults, addressPerDevice, personalities, v3User,
                notifications, configFormat, tftpPort, 0);
    }

    /** The UPLIFT-IAD-MIB fleet on consecutive ports of 127.0.0.1, v3 user {@link V3User#DEFAULT}, no notifications. */
    public FleetSettings(int devices, int basePort, String model, String version, int rebootSeconds,
            Map<Integer, Set<Fault>> faults) {
        this(devices, basePort, model, version, rebootSeconds, faults, false, EnumSet.of(Personality.UPLIFT_IAD),
                V3User.DEFAULT, null, DeviceSettings.DEFAULT_CONFIG_FORMAT, DeviceSettings.WELL_KNOWN_TFTP_PORT, 0);
    }

    /** The same fleet with every configuration at start padded to {@code bytes}. */
    public FleetSettings withConfigBytes(int bytes) {
        return new FleetSettings(devices, basePort, model, version, rebootSeconds, faults, addressPerDevice,
                personalities, v3User, notifications, configFormat, tftpPort, bytes, httpPort, ftpPort, host);
    }

    /** The same fleet with the file server's HTTP port for MIBs that cannot name one. */
    public FleetSettings withHttpPort(int port) {
        return new FleetSettings(devices, basePort, model, version, rebootSeconds, faults, addressPerDevice,
                personalities, v3User, notifications, configFormat, tftpPort, configBytes, port, ftpPort, host);
    }

    /** The same fleet with the file server's FTP port for MIBs that cannot name one. */
    public FleetSettings withFtpPort(int port) {
        return new FleetSettings(devices, basePort, model, version, rebootSeconds, faults, addressPerDevice,
                personalities, v3User, notifications, configFormat, tftpPort, configBytes, httpPort, port, host);
    }

    /** The same fleet with every device on {@code newHost} (e.g. ::1). */
    public FleetSettings withHost(String newHost) {
        return new FleetSettings(devices, basePort, model, version, rebootSeconds, faults, addressPerDevice,
                personalities, v3User, notifications, configFormat, tftpPort, configBytes, httpPort, ftpPort, newHost);
    }

    /** Parses fault specifications like {@code 3=download-fail:noMemory}. */
    public static Map<Integer, Set<Fault>> parseFaults(List<String> specs) {
        Map<Integer, Set<Fault>> faults = new HashMap<>();
        for (String spec : specs) {
            if (spec == null || spec.isBlank()) {
                continue;
            }
            int eq = spec.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException(
                        "fault '" + spec + "' must look like INDEX=KIND, e.g. 3=download-fail");
            }
            int index;
            try {
                index = Integer.parseInt(spec.substring(0, eq).trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault '" + spec + "': device index is not a number");
            }
            Fault fault = Fault.parse(spec.substring(eq + 1));
            faults.computeIfAbsent(index, i -> new HashSet<>()).add(fault);
        }
        return faults;
    }

    /** Device N's own loopback address when {@code addressPerDevice}: 127.0.0.2 onwards, skipping .0/.255 ends. */
    public static String address(int index) {
        int n = index - 1;
        return "127.0." + (n / 253) + "." + (n % 253 + 2);
    }

    DeviceSettings device(int index) {
        int port = basePort == 0 ? 0 : addressPerDevice ? basePort : basePort + index - 1;
        return new DeviceSettings(index, addressPerDevice ? address(index) : host, port, model,
                version, configFormat, rebootSeconds * 1000L,
                faults.getOrDefault(index, Set.of()), personalities, v3User, notifications, tftpPort, configBytes,
                httpPort, ftpPort);
    }
}
