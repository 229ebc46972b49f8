package org.uplift.repository.http;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts open connections from the moment they are accepted, in all and per client address, so
 * connections that never become transfers (silent, dribbling, flooding) cannot take every slot; the
 * same limits as the FTP server's, counted the same way.
 */
final class ConnectionSlots {

    private final int maxConnections;
    private final int maxPerAddress;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private int total;

    ConnectionSlots(int maxConnections, int maxPerAddress) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
    }

    /** Takes a slot for the address; returns why not, or {@code null} when it got one. */
    synchronized String admit(InetAddress address) {
        int fromAddress = perAddress.getOrDefault(address, 0);
        if (fromAddress >= maxPerAddress) {
            return fromAddress + " connections from this address are open (httpMaxConnectionsPerAddress "
                    + maxPerAddress + ")";
        }
        if (total >= maxConnections) {
            return total + " connections are open (httpMaxConnections " + maxConnections + ")";
        }
        perAddress.put(address, fromAddress + 1);
        total++;
        return null;
    }

    synchronized void release(InetAddress address) {
        perAddress.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
        total--;
    }

    synchronized int open() {
        return total;
    }
}
