package org.uplift.api.driver;

/**
 * Commanding or reading a device failed. The message names the device and the cause (SNMP error
 * status, time-out, ...) for an operator.
 *
 * @since 0.1
 */
public class DeviceException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean unreachable;

    public DeviceException(String message, boolean unreachable) {
        super(message);
        this.unreachable = unreachable;
    }

    public DeviceException(String message, boolean unreachable, Throwable cause) {
        super(message, cause);
        this.unreachable = unreachable;
    }

    /** {@code true} if the device did not answer at all (time-out), e.g. while it reboots. */
    public boolean unreachable() {
        return unreachable;
    }
}
