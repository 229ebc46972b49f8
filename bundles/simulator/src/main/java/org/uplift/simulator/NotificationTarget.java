package org.uplift.simulator;

/**
 * Where a simulated device sends its operation-completion notifications, and how.
 *
 * @param host the manager's address
 * @param port the manager's UDP port
 * @param kind SNMPv1 Trap-PDUs, SNMPv2c traps or SNMPv3 informs
 */
public record NotificationTarget(String host, int port, Kind kind) {

    /** How notifications are sent. */
    public enum Kind {
        /** SNMPv1 Trap-PDUs (community {@code private}), as older devices send: enterprise and specific-trap (RFC 3584). */
        V1_TRAP,
        /** SNMPv2c traps (community {@code private}). */
        V2C_TRAP,
        /** SNMPv3 informs (authPriv, the device's v3 user), acknowledged and retried. */
        V3_INFORM
    }

    public NotificationTarget {
        if (host == null || host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("notification target must be HOST:PORT with a port 1-65535");
        }
        if (kind == null) {
            throw new IllegalArgumentException("notification target needs a kind (v1 trap, v2c trap or v3 inform)");
        }
    }

    /** @param inform {@code true}: SNMPv3 informs; {@code false}: SNMPv2c traps */
    public NotificationTarget(String host, int port, boolean inform) {
        this(host, port, inform ? Kind.V3_INFORM : Kind.V2C_TRAP);
    }

    /** Whether notifications are SNMPv3 informs. */
    public boolean inform() {
        return kind == Kind.V3_INFORM;
    }

    /** Parses {@code HOST:PORT}; {@code inform} chooses v3 informs over v2c traps. */
    public static NotificationTarget parse(String text, boolean inform) {
        return parse(text, inform ? Kind.V3_INFORM : Kind.V2C_TRAP);
    }

    /** Parses {@code HOST:PORT}. */
    public static NotificationTarget parse(String text, Kind kind) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException(
                    "notification target '" + text + "' must look like HOST:PORT, e.g. 127.0.0.1:10162");
        }
        try {
            return new NotificationTarget(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)), kind);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("notification target '" + text + "': port is not a number");
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case V1_TRAP -> "v1 traps to ";
            case V2C_TRAP -> "v2c traps to ";
            case V3_INFORM -> "v3 informs to ";
        } + host + ":" + port;
    }
}
