package org.uplift.repository.http;

import java.net.InetAddress;

/**
 * The HTTP server's configuration.
 *
 * @param bindAddress    address the listening socket binds to
 * @param port           listening port; 0 picks a free one (tests)
 * @param advertisedHost what devices are told (NAT)
 * @param maxConnections concurrent connections; more are answered 503 and closed
 * @param maxConnectionsPerAddress concurrent connections from one client address; more are answered 503 and closed
 * @param headerSeconds  a connection must send its whole request line and headers within this time (slowloris)
 * @param idleSeconds    a body or download that moves no byte this long is cut off
 */
public record HttpSettings(InetAddress bindAddress, int port, String advertisedHost, int maxConnections,
        int maxConnectionsPerAddress, int headerSeconds, int idleSeconds) {

    public HttpSettings {
        check(port >= 0 && port <= 65535, "httpPort must be 0-65535 (got " + port + ")");
        check(maxConnections >= 1, "httpMaxConnections must be at least 1 (got " + maxConnections + ")");
        check(maxConnectionsPerAddress >= 1,
                "httpMaxConnectionsPerAddress must be at least 1 (got " + maxConnectionsPerAddress + ")");
        check(headerSeconds >= 1, "httpHeaderSeconds must be at least 1 (got " + headerSeconds + ")");
        check(idleSeconds >= 1, "httpIdleSeconds must be at least 1 (got " + idleSeconds + ")");
    }

    private static void check(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("HTTP configuration: " + problem);
        }
    }
}
