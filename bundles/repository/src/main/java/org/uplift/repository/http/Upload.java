package org.uplift.repository.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

import org.uplift.repository.ticket.LiveTicket;

/**
 * Receives a PUT body into {@code <name>.part}; once the whole body arrived it is synced and renamed
 * to the staged name, so a reported file is always whole. A body that runs over the ticket's cap, is
 * cut short or is badly framed leaves nothing behind.
 */
final class Upload {

    private static final int BUFFER = 64 * 1024;

    private final LiveTicket ticket;
    private final Runnable progress;

    /** @param progress called whenever bytes arrived (the connection's idle time-out starts again) */
    Upload(LiveTicket ticket, Runnable progress) {
        this.ticket = ticket;
        this.progress = progress;
    }

    /**
     * Stores the body; returns its size.
     *
     * @param declared the Content-Length, or -1 for a chunked body (which ends itself)
     */
    long receive(InputStream body, long declared) throws IOException, HttpRefusal {
        long cap = ticket.ticket().maxBytes();
        boolean stored = false;
        try {
            long received = 0;
            try (FileChannel out = ticket.openPartial()) {
                byte[] buffer = new byte[BUFFER];
                while (declared < 0 || received < declared) {
                    int wanted = declared < 0 ? BUFFER : (int) Math.min(BUFFER, declared - received);
                    int n = body.read(buffer, 0, wanted);
                    if (n < 0) {
                        if (declared < 0) {
                            break;
                        }
                        throw new EOFException("the body ended after " + received + " of " + declared + " bytes");
                    }
                    if (received + n > cap) {
                        throw new HttpRefusal(413, "upload too large",
                                "the upload exceeds the ticket's cap of " + cap + " bytes");
                    }
                    if (ticket.revoked()) {
                        throw new IOException("the ticket was closed during the upload");
                    }
                    ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                    while (bytes.hasRemaining()) {
                        out.write(bytes);
                    }
                    received += n;
                    ticket.transferred(received);
                    progress.run();
                }
                out.force(true);
            }
            Files.move(ticket.partial(), ticket.staged(), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            stored = true;
            if (!ticket.complete(ticket.staged())) {
                // closed while the body arrived: nobody will collect the file
                Files.deleteIfExists(ticket.staged());
                throw new IOException("the ticket was closed during the upload");
            }
            return received;
        } finally {
            if (!stored) {
                deleteQuietly();
            }
        }
    }

    private void deleteQuietly() {
        try {
            Files.deleteIfExists(ticket.partial());
        } catch (IOException e) {
            // the staging folder is purged at the next start
        }
    }
}
