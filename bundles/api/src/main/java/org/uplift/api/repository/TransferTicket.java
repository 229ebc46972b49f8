package org.uplift.api.repository;

import java.net.InetAddress;
import java.time.Instant;

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
 * @since 0.1
 */
public record TransferTicket(String id, String fileName, TransferDirection direction, InetAddress device,
        Instant expiresAt, long maxBytes) {
}
