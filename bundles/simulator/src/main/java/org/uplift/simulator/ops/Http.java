package org.uplift.simulator.ops;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The device's HTTP/1.1 client: GET to download, PUT to upload, one request per connection.
 *
 * <p>Written on a plain socket rather than the JDK's HttpClient because file servers check a
 * transfer's source address against the device's, and HttpClient cannot bind a local address: a
 * fleet of simulated devices sends from many 127.x addresses. Each read waits at most the time-out,
 * the whole transfer at most {@link #MAX_TRANSFER}; a body is read by Content-Length, chunked, or
 * until the server closes.
 */
final class Http {

    static final Duration MAX_TRANSFER = Duration.ofMinutes(10);
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    private final InetAddress localAddress;
    private final Duration timeout;

    /** @param localAddress the device's own address: file servers check where transfers come from */
    Http(InetAddress localAddress, Duration timeout) {
        this.localAddress = localAddress;
        this.timeout = timeout;
    }

    /** GETs the request's file, refusing (and aborting) a body above {@code maxBytes}. */
    byte[] download(OpRequest request, long maxBytes) throws TransferFailure {
        BodyReader body = null;
        try (Socket socket = connect(request)) {
            Deadline deadline = new Deadline();
            OutputStream out = socket.getOutputStream();
            out.write(head("GET", request, -1));
            out.flush();
            HttpInput in = new HttpInput(socket.getInputStream(), deadline);
            Response response = in.response();
            if (response.status() != 200) {
                throw refused(request, response, 0);
            }
            if (response.contentLength() > maxBytes) {
                throw new TransferFailure(FailCause.NO_MEMORY, "file of " + response.contentLength()
                        + " bytes exceeds " + maxBytes + " bytes", 0);
            }
            body = new BodyReader(in, response, maxBytes);
            return body.readAll();
        } catch (IOException e) {
            throw failure(request, e, body == null ? 0 : body.count());
        }
    }

    /** PUTs {@code content} as the request's file; returns the bytes sent. */
    long upload(OpRequest request, byte[] content) throws TransferFailure {
        try (Socket socket = connect(request)) {
            Deadline deadline = new Deadline();
            OutputStream out = socket.getOutputStream();
            HttpInput in = new HttpInput(socket.getInputStream(), deadline);
            try {
                out.write(head("PUT", request, content.length));
                out.write(content);
                out.flush();
            } catch (IOException e) {
                // a server refusing early (403, 413) may close before reading the body: its answer says why
                Response early = in.responseOrNull();
                if (early == null) {
                    throw e;
                }
                throw refused(request, early, 0);
            }
            Response response = in.response();
            if (response.status() / 100 != 2) {
                throw refused(request, response, content.length);
            }
            return content.length;
        } catch (IOException e) {
            throw failure(request, e, 0);
        }
    }

    private Socket connect(OpRequest request) throws IOException {
        Socket socket = new Socket();
        try {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress(request.server(), request.port()), timeoutMillis());
            socket.setSoTimeout(timeoutMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private int timeoutMillis() {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    }

    static byte[] head(String method, OpRequest request, long contentLength) {
        StringBuilder head = new StringBuilder(method).append(' ').append(path(request.fileName()))
                .append(" HTTP/1.1\r\nHost: ").append(authority(request.server(), request.port()))
                .append("\r\nUser-Agent: uplift-simulator\r\nConnection: close\r\n");
        if (contentLength >= 0) {
            head.append("Content-Type: application/octet-stream\r\nContent-Length: ").append(contentLength)
                    .append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code /<file name>} with the name as one percent-encoded path segment (RFC 3986 unreserved kept). */
    static String path(String fileName) {
        StringBuilder path = new StringBuilder("/");
        for (byte b : fileName.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                path.append(c);
            } else {
                path.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return path.toString();
    }

    /** {@code host:port}, an IPv6 literal in brackets and without its scope. */
    static String authority(InetAddress server, int port) {
        String host = server.getHostAddress();
        if (server instanceof Inet6Address) {
            int scope = host.indexOf('%');
            host = "[" + (scope < 0 ? host : host.substring(0, scope)) + "]";
        }
        return host + ":" + port;
    }

    private static TransferFailure refused(OpRequest request, Response response, long bytes) {
        int status = response.status();
        FailCause cause = status == 404 || status == 410 ? FailCause.BAD_FILE_NAME
                : status == 507 ? FailCause.NO_MEMORY
                        : FailCause.TRANSFER_FAILED;
        return new TransferFailure(cause, "HTTP " + status + " " + response.reason() + " for "
                + path(request.fileName()), bytes);
    }

    private static TransferFailure failure(OpRequest request, IOException e, long bytes) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String where = " (" + authority(request.server(), request.port()) + ")";
        if (e instanceof TooLarge) {
            return new TransferFailure(FailCause.NO_MEMORY, text, bytes);
        }
        if (e instanceof SocketTimeoutException || e instanceof TransferTooSlow) {
            return new TransferFailure(FailCause.TIMEOUT, "HTTP server did not answer in time: " + text + where, bytes);
        }
        if (e instanceof ConnectException) {
            return new TransferFailure(FailCause.TRANSFER_FAILED, "cannot connect to the HTTP server: " + text + where,
                    bytes);
        }
        return new TransferFailure(FailCause.TRANSFER_FAILED, "HTTP transfer failed: " + text + where, bytes);
    }

    /** The status line's code and reason, and the body's framing. */
    record Response(int status, String reason, long contentLength, boolean chunked) {
    }

    /** The whole transfer's time bound, checked at every read. */
    private static final class Deadline {
        private final long end = System.nanoTime() + MAX_TRANSFER.toNanos();

        void check() throws TransferTooSlow {
            if (System.nanoTime() > end) {
                throw new TransferTooSlow();
            }
        }
    }

    /** Reads a response's head and body bytes from the connection. */
    private static final class HttpInput {
        private final InputStream in;
        private final Deadline deadline;
        private final byte[] buffer = new byte[8192];
        private int start;
        private int end;

        HttpInput(InputStream in, Deadline deadline) {
            this.in = in;
            this.deadline = deadline;
        }

        /** The first final (non-1xx) response's head. */
        Response response() throws IOException {
            while (true) {
                String statusLine = line();
                String[] parts = statusLine.split(" ", 3);
                if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                    throw new IOException("not an HTTP/1.x status line: " + printable(statusLine));
                }
                int status;
                try {
                    status = Integer.parseInt(parts[1]);
                } catch (NumberFormatException e) {
                    throw new IOException("bad HTTP status " + printable(parts[1]));
                }
                long length = -1;
                boolean chunked = false;
                for (String header = line(); !header.isEmpty(); header = line()) {
                    int colon = header.indexOf(':');
                    if (colon <= 0) {
                        continue;
                    }
                    String name = header.substring(0, colon).trim();
                    String value = header.substring(colon + 1).trim();
                    if (name.equalsIgnoreCase("Content-Length")) {
                        try {
                            length = Long.parseLong(value);
                        } catch (NumberFormatException e) {
                            throw new IOException("bad Content-Length " + printable(value));
                        }
                    } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    }
                }
                if (status >= 200) {
                    return new Response(status, parts.length > 2 ? printable(parts[2]) : "", chunked ? -1 : length,
                            chunked);
                }
            }
        }

        /** A response the server sent before closing, or {@code null} if none can be read. */
        Response responseOrNull() {
            try {
                return response();
            } catch (IOException e) {
                return null;
            }
        }

        /** One header line without its CRLF, ISO-8859-1. */
        String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int total = 0;
            while (true) {
                int b = read();
                if (b < 0) {
                    throw new EOFException("the server closed the connection in the response head");
                }
                if (++total > MAX_HEADER_BYTES) {
                    throw new IOException("response head longer than " + MAX_HEADER_BYTES + " bytes");
                }
                if (b == '\n') {
                    String text = line.toString(StandardCharsets.ISO_8859_1);
                    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
                }
                line.write(b);
            }
        }

        int read() throws IOException {
            if (start == end && !fill()) {
                return -1;
            }
            return buffer[start++] & 0xff;
        }

        /** Up to {@code max} bytes into {@code target}; -1 at the end of the stream. */
        int read(byte[] target, int offset, int max) throws IOException {
            if (start == end && !fill()) {
                return -1;
            }
            int n = Math.min(max, end - start);
            System.arraycopy(buffer, start, target, offset, n);
            start += n;
            return n;
        }

        private boolean fill() throws IOException {
            deadline.check();
            int n = in.read(buffer);
            if (n < 0) {
                return false;
            }
            start = 0;
            end = n;
            return true;
        }
    }

    /** Reads a body by its framing, counting bytes and refusing more than the cap. */
    private static final class BodyReader {
        private final HttpInput in;
        private final Response response;
        private final long max;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        BodyReader(HttpInput in, Response response, long max) {
            this.in = in;
            this.response = response;
            this.max = max;
        }

        long count() {
            return body.size();
        }

        byte[] readAll() throws IOException {
            if (response.chunked()) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    copy(size, true);
                    in.line(); // the CRLF after the chunk
                }
                for (String trailer = in.line(); !trailer.isEmpty(); trailer = in.line()) {
                    // trailers carry nothing a device needs
                }
            } else if (response.contentLength() >= 0) {
                copy(response.contentLength(), true);
            } else {
                copy(Long.MAX_VALUE, false);
            }
            return body.toByteArray();
        }

        private long chunkSize() throws IOException {
            String line = in.line();
            int extension = line.indexOf(';');
            String hex = (extension < 0 ? line : line.substring(0, extension)).trim();
            try {
                long size = Long.parseLong(hex, 16);
                if (size < 0) {
                    throw new NumberFormatException();
                }
                return size;
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size " + printable(hex));
            }
        }

        private void copy(long length, boolean exact) throws IOException {
            byte[] chunk = new byte[8192];
            long left = length;
            while (left > 0) {
                int n = in.read(chunk, 0, (int) Math.min(chunk.length, left));
                if (n < 0) {
                    if (exact) {
                        throw new EOFException("the server closed the connection after " + body.size() + " bytes");
                    }
                    return;
                }
                if (body.size() + (long) n > max) {
                    throw new TooLarge("file exceeds " + max + " bytes");
                }
                body.write(chunk, 0, n);
                left -= n;
            }
        }
    }

    /** Text from the server made safe for one message line: printable ASCII, bounded. */
    static String printable(String text) {
        String safe = text.replaceAll("[^\\x20-\\x7e]", "?");
        return safe.length() <= 80 ? safe : safe.substring(0, 80) + "...";
    }

    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    private static final class TransferTooSlow extends IOException {
        private static final long serialVersionUID = 1L;

        TransferTooSlow() {
            super("transfer took longer than " + MAX_TRANSFER.toMinutes() + " minutes");
        }
    }
}
