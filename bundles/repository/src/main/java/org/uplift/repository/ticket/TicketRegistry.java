package org.uplift.repository.ticket;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.repository.FtpCredentials;
import org.uplift.api.repository.RepositoryException;
import org.uplift.api.repository.TransferDirection;
import org.uplift.api.repository.TransferProgress;
import org.uplift.api.repository.TransferTicket;

/**
 * The live tickets, by id (for callers) and by file name (for requests). Expired tickets are pruned
 * whenever a new ticket is issued, except while a transfer still runs under them.
 */
public final class TicketRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(TicketRegistry.class);

    private final Map<String, LiveTicket> byId = new ConcurrentHashMap<>();
    private final Map<String, LiveTicket> byName = new ConcurrentHashMap<>();
    private final Map<String, LiveTicket> byFtpUser = new ConcurrentHashMap<>();
    private final TicketNames names = new TicketNames();
    private final Path staging;
    private final long maxUploadBytes;
    private final Clock clock;

    public TicketRegistry(Path staging, long maxUploadBytes, Clock clock) {
        this.staging = staging;
        this.maxUploadBytes = maxUploadBytes;
        this.clock = clock;
    }

    public TransferTicket offer(Path file, InetAddress device, Duration ttl) throws RepositoryException {
        return offer(file, device, Set.of(), ttl);
    }

    /** A read ticket that also admits the device's other source addresses. */
    public TransferTicket offer(Path file, InetAddress device, Set<InetAddress> alsoFrom, Duration ttl)
            throws RepositoryException {
        Objects.requireNonNull(device, "device");
        checkTtl(ttl);
        if (file == null || !Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new RepositoryException("cannot offer " + file + " to " + device.getHostAddress()
                    + ": it is not a readable file; check the path and its permissions");
        }
        pruneExpired();
        String extension = file.getFileName().toString().endsWith(".cfg") ? ".cfg" : ".bin";
        TransferTicket ticket = new TransferTicket(names.nextId(), names.next(extension),
                TransferDirection.DEVICE_READS, device, clock.instant().plus(ttl), 0, alsoFrom);
        register(LiveTicket.forRead(ticket, file.toAbsolutePath(), newCredentials(ticket)));
        return ticket;
    }

    /** The cap is the smaller of {@code maxBytes} and the server's {@code maxUploadBytes}; the ticket shows which. */
    public TransferTicket receive(InetAddress device, long maxBytes, Duration ttl) throws RepositoryException {
        return receive(device, Set.of(), maxBytes, ttl);
    }

    /** A write ticket that also admits the device's other source addresses. */
    public TransferTicket receive(InetAddress device, Set<InetAddress> alsoFrom, long maxBytes, Duration ttl)
            throws RepositoryException {
        Objects.requireNonNull(device, "device");
        checkTtl(ttl);
        if (maxBytes <= 0) {
            throw new RepositoryException("an upload cap of " + maxBytes + " bytes for " + device.getHostAddress()
                    + " admits nothing; ask for a positive size");
        }
        pruneExpired();
        String name = names.next(".cfg");
        TransferTicket ticket = new TransferTicket(names.nextId(), name, TransferDirection.DEVICE_WRITES, device,
                clock.instant().plus(ttl), Math.min(maxBytes, maxUploadBytes), alsoFrom);
        register(LiveTicket.forWrite(ticket, staging.resolve(name), newCredentials(ticket)));
        return ticket;
    }

    public Optional<LiveTicket> byName(String fileName) {
        return Optional.ofNullable(byName.get(fileName));
    }

    /** The ticket whose FTP user this is. */
    public Optional<LiveTicket> byFtpUser(String user) {
        return Optional.ofNullable(user == null ? null : byFtpUser.get(user));
    }

    /** The FTP credentials of a live ticket; empty once it expired or was closed. */
    public Optional<FtpCredentials> ftpCredentials(String ticketId) {
        LiveTicket ticket = ticketId == null ? null : byId.get(ticketId);
        if (ticket == null || ticket.expiredAt(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(ticket.ftp());
    }

    public Optional<TransferProgress> progress(String ticketId) {
        return Optional.ofNullable(ticketId == null ? null : byId.get(ticketId)).map(LiveTicket::progress);
    }

    /** Tickets registered and not yet closed or pruned. */
    public int size() {
        return byId.size();
    }

    public Instant now() {
        return clock.instant();
    }

    public void close(String ticketId) {
        LiveTicket ticket = ticketId == null ? null : byId.remove(ticketId);
        if (ticket != null) {
            discard(ticket);
        }
    }

    public void closeAll() {
        List.copyOf(byId.keySet()).forEach(this::close);
    }

    /** Removes an expired ticket a request named, unless a transfer still runs under it. */
    public void expire(LiveTicket ticket) {
        if (!ticket.busy() && byId.remove(ticket.ticket().id(), ticket)) {
            discard(ticket);
        }
    }

    /** Staged files of a previous run belong to tickets that no longer exist. */
    public void purgeStaging() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(staging, "up-*")) {
            for (Path file : files) {
                deleteQuietly(file);
            }
        } catch (IOException e) {
            LOG.warn("Cannot clean the TFTP staging folder {}: {}", staging, e.getMessage());
        }
    }

    private void pruneExpired() {
        Instant now = clock.instant();
        byId.values().stream().filter(t -> t.expiredAt(now)).forEach(this::expire);
    }

    private void register(LiveTicket ticket) {
        byId.put(ticket.ticket().id(), ticket);
        byName.put(ticket.name(), ticket);
        byFtpUser.put(ticket.ftp().user(), ticket);
    }

    /** A user name per ticket and a password of 100 random bits, so one ticket's login opens nothing else. */
    private FtpCredentials newCredentials(TransferTicket ticket) {
        return new FtpCredentials("u" + ticket.id(), names.nextId());
    }

    private void discard(LiveTicket ticket) {
        byName.remove(ticket.name(), ticket);
        byFtpUser.remove(ticket.ftp().user(), ticket);
        ticket.revoke();
        if (!ticket.reads()) {
            deleteQuietly(ticket.partial());
            deleteQuietly(ticket.staged());
        }
    }

    private static void checkTtl(Duration ttl) throws RepositoryException {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new RepositoryException("a ticket needs a positive time to live (got " + ttl + ")");
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete staged file {}: {}", file, e.getMessage());
        }
    }
}
