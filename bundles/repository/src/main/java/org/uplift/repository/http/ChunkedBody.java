package org.uplift.repository.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decodes a {@code Transfer-Encoding: chunked} body (RFC 9112 section 7.1), strictly: hexadecimal
 * sizes of at most 15 digits, extensions and trailers read and dropped within bounds, CRLF where
 * the framing needs it. A device streaming a backup of unknown length sends its upload this way;
 * the cap is the uploader's business, not this stream's.
 */
final class ChunkedBody extends InputStream {

    private static final int MAX_LINE = 1024;
    private static final int MAX_TRAILERS = 8192;

    private final InputStream in;
    private long remaining;
    private boolean done;

    ChunkedBody(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (done) {
            return -1;
        }
        if (remaining == 0) {
            remaining = nextSize();
            if (remaining == 0) {
                skipTrailers();
                done = true;
                return -1;
            }
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw new EOFException("the chunked body ended within a chunk");
        }
        remaining -= n;
        if (remaining == 0 && !line().isEmpty()) {
            throw new MalformedBody("a chunk is longer than its size says");
        }
        return n;
    }

    private long nextSize() throws IOException {
        String line = line();
        int end = line.indexOf(';');
        String size = (end < 0 ? line : line.substring(0, end)).strip();
        if (!size.matches("[0-9A-Fa-f]{1,15}")) {
            throw new MalformedBody("a chunk size is not a hexadecimal number");
        }
        return Long.parseLong(size, 16);
    }

    private void skipTrailers() throws IOException {
        int total = 0;
        for (String line = line(); !line.isEmpty(); line = line()) {
            total += line.length();
            if (total > MAX_TRAILERS) {
                throw new MalformedBody("the trailer fields exceed " + MAX_TRAILERS + " bytes");
            }
        }
    }

    /** A framing line without its CRLF; a bare LF is taken too, like in the head. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the chunked body ended before its last chunk");
            }
            if (b == '\n') {
                int last = line.length() - 1;
                if (last >= 0 && line.charAt(last) == '\r') {
                    line.setLength(last);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new MalformedBody("a chunk framing line exceeds " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
    }

    /** The body's framing is broken: answered 400, unlike a client that just went away. */
    static final class MalformedBody extends IOException {

        private static final long serialVersionUID = 1L;

        MalformedBody(String reason) {
            super(reason);
        }
    }
}
