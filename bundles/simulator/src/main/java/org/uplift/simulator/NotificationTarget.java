package org.uplift.simulator;

/**
 * Where a simulated device sends its operation-completion notifications.
 *
 * @param host   the manager's address
 * @param port   the manager's UDP port
 * @param inform {@code true}: SNMPv3 informs (authPriv, the device's v3 user); {@code false}: SNMPv2c traps
 */
public record NotificationTarget(String host, int port, boolean inform) {

    public NotificationTarget {
        if (host == null || host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("notification target must be HOST:PORT with a port 1-65535");
        }
    }

    /** Parses {@code HOST:PORT}. */
    public static NotificationTarget parse(String text, boolean inform) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("notification target '" + text + "' must look like HOST:PORT, e.g. 127.0.0.1:10162");
        }
        try {
            return new NotificationTarget(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)), inform);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("notification target '" + text + "': port is not a number");
        }
    }

    @Override
    public String toString() {
        return (inform ? "v3 informs to " : "v2c traps to ") + host + ":" + port;
    }
}
