package org.uplift.api.repository;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The TFTP and FTP endpoints devices download from and upload to. Every transfer needs a
 * live ticket naming the file, the direction and the device's address.
 *
 * @since 0.1
 */
@ProviderType
public interface FileServer {

    /** Lets {@code device} read {@code file} under the ticket's random name until {@code ttl} passes. */
    TransferTicket offer(Path file, InetAddress device, Duration ttl) throws RepositoryException;

    /** Lets {@code device} write one file of at most {@code maxBytes} until {@code ttl} passes. */
    TransferTicket receive(InetAddress device, long maxBytes, Duration ttl) throws RepositoryException;

    /**
     * As {@link #offer(Path, InetAddress, Duration)}, also accepting the transfer from {@code alsoFrom}
     * (a device whose transfers leave from another of its addresses).
     *
     * @since 0.3
     */
    default TransferTicket offer(Path file, InetAddress device, Set<InetAddress> alsoFrom, Duration ttl)
            throws RepositoryException {
        if (!alsoFrom.isEmpty()) {
            throw new RepositoryException("this file server accepts a transfer from the device's address only");
        }
        return offer(file, device, ttl);
    }

    /**
     * As {@link #receive(InetAddress, long, Duration)}, also accepting the upload from {@code alsoFrom}.
     *
     * @since 0.3
     */
    default TransferTicket receive(InetAddress device, Set<InetAddress> alsoFrom, long maxBytes, Duration ttl)
            throws RepositoryException {
        if (!alsoFrom.isEmpty()) {
            throw new RepositoryException("this file server accepts a transfer from the device's address only");
        }
        return receive(device, maxBytes, ttl);
    }

    /** What the server observed of the ticket's transfer, if the ticket exists. */
    Optional<TransferProgress> progress(String ticketId);

    /** Revokes a ticket and deletes what it staged; unknown ids are ignored. */
    void close(String ticketId);

    /** Where devices reach the server for this protocol. */
    Endpoint endpoint(TransferProtocol protocol) throws RepositoryException;

    /**
     * The FTP user and password of a live ticket; empty if the ticket is unknown, expired or FTP is
     * off. Never log the password.
     *
     * @since 0.2
     */
    default Optional<FtpCredentials> ftpCredentials(String ticketId) {
        return Optional.empty();
    }
}
