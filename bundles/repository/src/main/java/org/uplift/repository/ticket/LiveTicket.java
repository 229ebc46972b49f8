package org.uplift.repository.ticket;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Set;

import org.uplift.api.repository.FtpCredentials;
import org.uplift.api.repository.TransferDirection;
import org.uplift.api.repository.TransferProgress;
import org.uplift.api.repository.TransferTicket;
import org.uplift.common.files.PrivateFiles;

/**
 * A ticket plus what the server observed of its transfers. Transfers run on pool threads while
 * callers read progress, hence the locking.
 */
public final class LiveTicket {

    private final TransferTicket ticket;
    private final Path source;
    private final Path staged;
    private final FtpCredentials ftp;

    private long bytes;
    private boolean completed;
    private Path receivedFile;
    private String error;
    private int active;
    private boolean revoked;

    private LiveTicket(TransferTicket ticket, Path source, Path staged, FtpCredentials ftp) {
        this.ticket = ticket;
        this.source = source;
        this.staged = staged;
        this.ftp = ftp;
    }

    public static LiveTicket forRead(TransferTicket ticket, Path source, FtpCredentials ftp) {
        return new LiveTicket(ticket, source, null, ftp);
    }

    public static LiveTicket forWrite(TransferTicket ticket, Path staged, FtpCredentials ftp) {
        return new LiveTicket(ticket, null, staged, ftp);
    }

    /** The ticket's own FTP user and password. */
    public FtpCredentials ftp() {
        return ftp;
    }

    public TransferTicket ticket() {
        return ticket;
    }

    public String name() {
        return ticket.fileName();
    }

    public boolean reads() {
        return ticket.direction() == TransferDirection.DEVICE_READS;
    }

    /** The file a read ticket serves. */
    public Path source() {
        return source;
    }

    /** Where a write ticket's upload ends up once complete. */
    public Path staged() {
        return staged;
    }

    /** The upload being received, renamed to {@link #staged()} only once it is complete. */
    public Path partial() {
        return staged.resolveSibling(staged.getFileName() + ".part");
    }

    /** Opens {@link #partial()} empty for an upload, 0600: an uploaded configuration holds the device's secrets. */
    public FileChannel openPartial() throws IOException {
        Path partial = partial();
        return FileChannel.open(partial, Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE), PrivateFiles.fileIn(partial.getParent()));
    }

    public boolean expiredAt(Instant now) {
        return now.isAfter(ticket.expiresAt());
    }

    public synchronized TransferProgress progress() {
        return new TransferProgress(ticket.id(), bytes, completed, receivedFile, error);
    }

    public synchronized boolean busy() {
        return active > 0;
    }

    public synchronized boolean completed() {
        return completed;
    }

    public synchronized boolean revoked() {
        return revoked;
    }

    /** Starts an attempt; {@code false} if the ticket was revoked meanwhile. */
    public synchronized boolean begin() {
        if (revoked) {
            return false;
        }
        active++;
        bytes = 0;
        error = null;
        return true;
    }

    /**
     * Starts an upload only if no attempt runs and none completed, in one step, so two uploads racing
     * for one ticket cannot both start; {@code false} otherwise or if the ticket was revoked.
     */
    public synchronized boolean beginAlone() {
        if (active > 0 || completed) {
            return false;
        }
        return begin();
    }

    public synchronized void end() {
        active--;
    }

    public synchronized void transferred(long total) {
        bytes = total;
    }

    public synchronized void failed(String reason) {
        error = reason;
    }

    /** Records success; {@code false} if the ticket was revoked meanwhile, so the caller discards the file. */
    public synchronized boolean complete(Path received) {
        if (revoked) {
            return false;
        }
        completed = true;
        receivedFile = received;
        error = null;
        return true;
    }

    /** Marks the ticket revoked; running transfers stop at their next packet. */
    public synchronized void revoke() {
        revoked = true;
    }
}
