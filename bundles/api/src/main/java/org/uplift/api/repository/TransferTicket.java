package org.uplift.api.repository;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Set;

/**
 * Permission for one device to transfer one file in one direction until a deadline. The file
 * servers serve nothing else.
 *
 * @param id        ticket id
 * @param fileName  the only file name the device may request; random and unguessable
 * @param direction which way the file goes
 * @param device    the only source address allowed
 * @param expiresAt after this instant the ticket is refused
 * @param maxBytes  for {@link TransferDirection#DEVICE_WRITES}: the upload size cap
 * @param alsoFrom  other source addresses allowed: the device's transfers may leave from another of its
 *                  addresses than its SNMP agent's (since 0.3)
 * @since 0.1
 */
public record TransferTicket(String id, String fileName, TransferDirection direction, InetAddress device,
        Instant expiresAt, long maxBytes, Set<InetAddress> alsoFrom) {

    public TransferTicket {
        alsoFrom = alsoFrom == null ? Set.of() : Set.copyOf(alsoFrom);
    }

    /** A ticket for the device's own address only. */
    public TransferTicket(String id, String fileName, TransferDirection direction, InetAddress device,
            Instant expiresAt, long maxBytes) {
        this(id, fileName, direction, device, expiresAt, maxBytes, Set.of());
    }

    /**
     * Whether a transfer from {@code address} may use the ticket.
     *
     * @since 0.3
     */
    public boolean allows(InetAddress address) {
        return device.equals(address) || alsoFrom.contains(address);
    }
}
