package org.uplift.repository.tftp;

import java.nio.file.Path;
import java.time.Instant;

import org.uplift.api.repository.TransferDirection;
import org.uplift.api.repository.TransferProgress;
import org.uplift.api.repository.TransferTicket;

/**
 * A ticket plus what the server observed of its transfers. Transfers run on pool threads while
 * callers read progress, hence the locking.
 */
final class LiveTicket {

    private final TransferTicket ticket;
    private final Path source;
    private final Path staged;

    private long bytes;
    private boolean completed;
    private Path receivedFile;
    private String error;
    private int active;
    private boolean revoked;

    private LiveTicket(TransferTicket ticket, Path source, Path staged) {
        this.ticket = ticket;
        this.source = source;
        this.staged = staged;
    }

    static LiveTicket forRead(TransferTicket ticket, Path source) {
        return new LiveTicket(ticket, source, null);
    }

    static LiveTicket forWrite(TransferTicket ticket, Path staged) {
        return new LiveTicket(ticket, null, staged);
    }

    TransferTicket ticket() {
        return ticket;
    }

    String name() {
        return ticket.fileName();
    }

    boolean reads() {
        return ticket.direction() == TransferDirection.DEVICE_READS;
    }

    /** The file a read ticket serves. */
    Path source() {
        return source;
    }

    /** Where a write ticket's upload ends up once complete. */
    Path staged() {
        return staged;
    }

    /** The upload being received, renamed to {@link #staged()} only once it is complete. */
    Path partial() {
        return staged.resolveSibling(staged.getFileName() + ".part");
    }

    boolean expiredAt(Instant now) {
        return now.isAfter(ticket.expiresAt());
    }

    synchronized TransferProgress progress() {
        return new TransferProgress(ticket.id(), bytes, completed, receivedFile, error);
    }

    synchronized boolean busy() {
        return active > 0;
    }

    synchronized boolean completed() {
        return completed;
    }

    synchronized boolean revoked() {
        return revoked;
    }

    /** Starts an attempt; {@code false} if the ticket was revoked meanwhile. */
    synchronized boolean begin() {
        if (revoked) {
            return false;
        }
        active++;
        bytes = 0;
        error = null;
        return true;
    }

    synchronized void end() {
        active--;
    }

    synchronized void transferred(long total) {
        bytes = total;
    }

    synchronized void failed(String reason) {
        error = reason;
    }

    /** Records success; {@code false} if the ticket was revoked meanwhile, so the caller discards the file. */
    synchronized boolean complete(Path received) {
        if (revoked) {
            return false;
        }
        completed = true;
        receivedFile = received;
        error = null;
        return true;
    }

    /** Marks the ticket revoked; running transfers stop at their next packet. */
    synchronized void revoke() {
        revoked = true;
    }
}
