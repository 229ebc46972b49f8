package org.uplift.repository.ftp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.uplift.repository.ticket.LiveTicket;

/** Streams a ticket's file to the data connection and records progress; complete once the end was read. */
final class CountingDownload extends FilterInputStream {

    private final LiveTicket ticket;
    private final long size;
    private long position;
    private boolean closed;

    CountingDownload(InputStream in, LiveTicket ticket, long offset, long size) {
        super(in);
        this.ticket = ticket;
        this.position = offset;
        this.size = size;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (ticket.revoked()) {
            throw new IOException("the ticket was closed");
        }
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    private void advance(int n) {
        position += n;
        ticket.transferred(position);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            super.close();
        } finally {
            if (position >= size) {
                ticket.complete(null);
            } else {
                ticket.failed("FTP download stopped after " + position + " of " + size + " bytes");
            }
            ticket.end();
        }
    }
}
