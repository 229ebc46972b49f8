package org.uplift.repository.ftp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

import org.uplift.repository.ticket.LiveTicket;

/**
 * Receives an FTP upload into {@code <name>.part}; on a normal close it is synced and renamed to the
 * staged name so a reported file is always whole. Going over the ticket's cap fails the transfer and
 * leaves nothing behind.
 */
final class CappedUpload extends OutputStream {

    private final LiveTicket ticket;
    private final FileChannel out;
    private final long cap;
    private long written;
    private String failure;
    private boolean closed;

    CappedUpload(LiveTicket ticket) throws IOException {
        this.ticket = ticket;
        this.cap = ticket.ticket().maxBytes();
        this.out = ticket.openPartial();
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] buffer, int offset, int length) throws IOException {
        if (failure != null) {
            throw new IOException(failure);
        }
        if (ticket.revoked()) {
            fail("the ticket was closed");
        }
        if (written + length > cap) {
            fail("the upload exceeds the ticket's cap of " + cap + " bytes");
        }
        ByteBuffer bytes = ByteBuffer.wrap(buffer, offset, length);
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
        written += length;
        ticket.transferred(written);
    }

    private void fail(String reason) throws IOException {
        failure = reason;
        throw new IOException(reason);
    }

    /**
     * MINA closes the stream after a transfer whether it succeeded or not, so closing only syncs the
     * data; {@link #commit} follows once the reply to STOR shows how the transfer ended.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (failure == null) {
                out.force(true);
            }
        } finally {
            out.close();
        }
    }

    /** Makes the upload visible if the transfer ended well, else discards it; ends the attempt either way. */
    void commit(boolean transferred) {
        try {
            close();
            if (failure != null || !transferred) {
                Files.deleteIfExists(ticket.partial());
                ticket.failed(failure != null ? "FTP upload refused: " + failure
                        : "FTP upload cut short after " + written + " bytes");
                return;
            }
            Files.move(ticket.partial(), ticket.staged(), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            if (!ticket.complete(ticket.staged())) {
                // closed while the upload ended: nobody will collect the file
                Files.deleteIfExists(ticket.staged());
            }
        } catch (IOException e) {
            ticket.failed("FTP upload could not be stored: " + e.getMessage());
            try {
                Files.deleteIfExists(ticket.partial());
            } catch (IOException ignored) {
                // the staging folder is purged at the next start
            }
        } finally {
            ticket.end();
        }
    }
}
