package org.uplift.repository.ftp;

import java.net.InetAddress;

/**
 * The FTP server's configuration.
 *
 * @param bindAddress    address the control and passive data sockets bind to
 * @param port           control port; 0 picks a free one (tests)
 * @param advertisedHost what devices are told, also in PASV replies (NAT)
 * @param passivePorts   MINA passive port range such as {@code 2122-2199}; empty means any free port
 * @param maxLogins      concurrent connections, logged in or not; further connections get 421
 * @param idleSeconds    a session or data connection silent this long is closed
 * @param maxConnectionsPerAddress concurrent connections from one client address; further ones get 421
 * @param loginSeconds   a connection not logged in this long after it opened is closed, busy or not
 */
public record FtpSettings(InetAddress bindAddress, int port, String advertisedHost, String passivePorts,
        int maxLogins, int idleSeconds, int maxConnectionsPerAddress, int loginSeconds) {

    public FtpSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("FTP port must be 0-65535 (got " + port + ")");
        }
        if (maxLogins < 1) {
            throw new IllegalArgumentException("FTP maxLogins must be at least 1 (got " + maxLogins + ")");
        }
        if (idleSeconds < 1) {
            throw new IllegalArgumentException("FTP idle time-out must be at least 1 s (got " + idleSeconds + ")");
        }
        if (maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("ftpMaxConnectionsPerAddress must be at least 1 (got "
                    + maxConnectionsPerAddress + ")");
        }
        if (loginSeconds < 1) {
            throw new IllegalArgumentException("ftpLoginSeconds must be at least 1 (got " + loginSeconds + ")");
        }
    }
}
