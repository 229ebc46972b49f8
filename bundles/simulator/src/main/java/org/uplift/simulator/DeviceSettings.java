package org.uplift.simulator;

import java.util.EnumSet;
import java.util.Set;

/**
 * How one simulated device starts.
 *
 * @param index         the device's number in its fleet (1-based); it appears in the configuration
 * @param host          the loopback address its agent binds and its transfers come from
 * @param port          UDP port of its SNMP agent (0 picks a free one)
 * @param model         the model it reports
 * @param version       the software version it runs at start
 * @param configFormat  the configuration format that version uses
 * @param rebootMillis  how long it stays silent when it reboots
 * @param faults        failures it shows from the start
 * @param personalities the MIBs it speaks
 * @param v3User        its SNMPv3 user (it also answers v2c communities public and private)
 * @param notifications where it sends completion notifications, or {@code null} for nowhere
 * @param tftpPort      the file server's TFTP port for MIBs that cannot name one (CISCO-CONFIG-COPY-MIB,
 *                      DOCS-CABLE-DEVICE-MIB); {@value #WELL_KNOWN_TFTP_PORT} as on real devices
 * @param configBytes   the size its configuration at start is padded to (0: unpadded, about 300 bytes)
 * @param httpPort      the file server's HTTP port for MIBs that cannot name one (DOCS-CABLE-DEVICE-MIB);
 *                      {@value #WELL_KNOWN_HTTP_PORT} as on real devices
 * @param ftpPort       the file server's FTP port for MIBs that cannot name one (CISCO-CONFIG-COPY-MIB);
 *                      {@value #WELL_KNOWN_FTP_PORT} as on real devices
 */
public record DeviceSettings(int index, String host, int port, String model, String version, String configFormat,
        long rebootMillis, Set<Fault> faults, Set<Personality> personalities, V3User v3User,
        NotificationTarget notifications, int tftpPort, int configBytes, int httpPort, int ftpPort) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_MODEL = "IAD-1000";
    public static final String DEFAULT_VERSION = "1.0.0";
    public static final String DEFAULT_CONFIG_FORMAT = "1";
    public static final int WELL_KNOWN_TFTP_PORT = 69;
    public static final int WELL_KNOWN_HTTP_PORT = 80;
    public static final int WELL_KNOWN_FTP_PORT = 21;

    public DeviceSettings {
        faults = Set.copyOf(faults);
        if (personalities.isEmpty()) {
            throw new IllegalArgumentException("device " + index + " must speak at least one MIB");
        }
        personalities = Set.copyOf(personalities);
        if (tftpPort < 1 || tftpPort > 65535) {
            throw new IllegalArgumentException(
                    "device " + index + ": TFTP port must be 1-65535 (got " + tftpPort + ")");
        }
        if (httpPort < 1 || httpPort > 65535) {
            throw new IllegalArgumentException(
                    "device " + index + ": HTTP port must be 1-65535 (got " + httpPort + ")");
        }
        if (ftpPort < 1 || ftpPort > 65535) {
            throw new IllegalArgumentException("device " + index + ": FTP port must be 1-65535 (got " + ftpPort + ")");
        }
        RunningConfig.checkSize(configBytes);
    }

    /** The well-known HTTP port. */
    public DeviceSettings(int index, String host, int port, String model, String version, String configFormat,
            long rebootMillis, Set<Fault> faults, Set<Personality> personalities, V3User v3User,
            NotificationTarget notifications, int tftpPort, int configBytes) {
        this(index, host, port, model, version, configFormat, rebootMillis, faults, personalities, v3User,
                notifications,
                tftpPort, configBytes, WELL_KNOWN_HTTP_PORT, WELL_KNOWN_FTP_PORT);
    }

    /** An unpadded configuration. */
    public DeviceSettings(int index, String host, int port, String model, String version, String configFormat,
            long rebootMillis, Set<Fault> faults, Set<Personality> personalities, V3User v3User,
            NotificationTarget notifications, int tftpPort) {
        this(index, host, port, model, version, configFormat, rebootMillis, faults, personalities, v3User,
                notifications,
                tftpPort, 0);
    }

    /** A device with the defaults: IAD-1000 on 127.0.0.1 running 1.0.0, UPLIFT-IAD-MIB, reboot in 3 s, no faults. */
    public static DeviceSettings defaults(int index, int port) {
        return new DeviceSettings(index, DEFAULT_HOST, port, DEFAULT_MODEL, DEFAULT_VERSION, DEFAULT_CONFIG_FORMAT,
                3000, Set.of(), EnumSet.of(Personality.UPLIFT_IAD), V3User.DEFAULT, null, WELL_KNOWN_TFTP_PORT);
    }

    public DeviceSettings withFaults(Set<Fault> newFaults) {
        return new DeviceSettings(index, host, port, model, version, configFormat, rebootMillis, newFaults,
                personalities, v3User, notifications, tftpPort, configBytes, httpPort, ftpPort);
    }

    public DeviceSettings withRebootMillis(long millis) {
        return new DeviceSettings(index, host, port, model, version, configFormat, millis, faults, personalities,
                v3User, notifications, tftpPort, configBytes, httpPort, ftpPort);
    }

    public DeviceSettings withHost(String newHost) {
        return new DeviceSettings(index, newHost, port, model, version, configFormat, rebootMillis, faults,
                personalities, v3User, notifications, tftpPort, configBytes, httpPort, ftpPort);
    }

    public DeviceSettings withPersonalities(Set<Personality> newPersonalities) {
        return new DeviceSettings(index, host, port, model, version, configFormat, rebootMillis, faults,
                newPersonalities, v3User, notifications, tftpPort, configBytes, httpPort, ftpPort);
    }

    public DeviceSettings withNotify(NotificationTarget target) {
        return new DeviceSettings(index, host, port, model, version, configFormat, rebootMillis, faults,
                personalities, v3User, target, tftpPort, configBytes, httpPort, ftpPort);
    }

    public DeviceSettings withTftpPort(int port) {
        return new DeviceSettings(index, host, this.port, model, version, configFormat, rebootMillis, faults,
                personalities, v3User, notifications, port, configBytes, httpPort, ftpPort);
    }

    public DeviceSettings withHttpPort(int newHttpPort) {
        return new DeviceSettings(index, host, port, model, version, configFormat, rebootMillis, faults, personalities,
                v3User, notifications, tftpPort, configBytes, newHttpPort, ftpPort);
    }

    public DeviceSettings withConfigBytes(int bytes) {
        return new DeviceSettings(index, host, port, model, version, configFormat, rebootMillis, faults, personalities,
                v3User, notifications, tftpPort, bytes, httpPort, ftpPort);
    }

    public DeviceSettings withConfigFormat(String format) {
        return new DeviceSettings(index, host, port, model, version, format, rebootMillis, faults, personalities,
                v3User, notifications, tftpPort, configBytes, httpPort, ftpPort);
    }

    public DeviceSettings withFtpPort(int newFtpPort) {
        return new DeviceSettings(index, host, port, model, version, configFormat, rebootMillis, faults, personalities,
                v3User, notifications, tftpPort, configBytes, httpPort, newFtpPort);
    }
}
