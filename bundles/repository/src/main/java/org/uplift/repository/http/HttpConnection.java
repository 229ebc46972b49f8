package org.uplift.repository.http;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.common.logging.LogThrottle;
import org.uplift.repository.ticket.LiveTicket;
import org.uplift.repository.ticket.LogText;

/**
 * One connection, one request: reads the head, admits it through the {@link TicketGate}, serves the
 * download or receives the upload, answers and closes. Its deadline is watched from outside (the
 * server's watchdog closes the channel when it passes), because a blocking read or write has no
 * time-out of its own that bounds a client dribbling bytes or not reading at all.
 */
final class HttpConnection implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpConnection.class);
    /** Bytes of a download sent per call, between progress reports. */
    private static final long CHUNK = 1 << 20;
    /** After answering, the client's remaining bytes are read (so closing does not reset the answer away). */
    private static final long LINGER_MILLIS = 2000;
    private static final long MAX_DRAIN = 1 << 20;

    private final SocketChannel channel;
    private final InetSocketAddress client;
    private final TicketGate gate;
    private final HttpSettings settings;
    private final LogThrottle refusals;
    private final Consumer<HttpConnection> closed;

    private volatile long deadline;
    private volatile String overdue;
    private volatile boolean timedOut;
    private volatile boolean aborted;

    /** @param closed run once the connection is closed (its slot is given back) */
    HttpConnection(SocketChannel channel, InetSocketAddress client, TicketGate gate, HttpSettings settings,
            LogThrottle refusals, Consumer<HttpConnection> closed) {
        this.channel = channel;
        this.client = client;
        this.gate = gate;
        this.settings = settings;
        this.refusals = refusals;
        this.closed = closed;
        deadline(TimeUnit.SECONDS.toMillis(settings.headerSeconds()),
                "request head not complete within " + settings.headerSeconds() + " s (httpHeaderSeconds)");
    }

    InetSocketAddress client() {
        return client;
    }

    /** Closes the connection if its deadline passed; called by the watchdog. */
    void closeIfOverdue(long now) {
        if (now - deadline > 0 && channel.isOpen()) {
            timedOut = true;
            closeQuietly();
        }
    }

    /** Closes at once (the server stops). */
    void abort() {
        aborted = true;
        closeQuietly();
    }

    @Override
    public void run() {
        InputStream in = null;
        HttpRequest request = null;
        try {
            in = new BufferedInputStream(Channels.newInputStream(channel), 8192);
            request = RequestParser.read(in);
            idle();
            LiveTicket ticket = gate.admit(request, client.getAddress());
            switch (request.method()) {
                case "HEAD" -> head(ticket);
                case "GET" -> download(ticket);
                case "PUT" -> upload(ticket, request, in);
                default -> throw new IllegalStateException("the gate admitted " + request.method());
            }
        } catch (HttpRefusal refusal) {
            refuse(request, refusal);
        } catch (RequestParser.NoRequest e) {
            LOG.debug("HTTP: {} closed the connection without a request", who());
        } catch (IOException e) {
            refusals.warn(LOG, "HTTP: {} from {} ended: {}", what(request), who(), LogText.of(reason(e)));
        } catch (RuntimeException e) {
            LOG.error("HTTP: {} from {} failed unexpectedly", what(request), who(), e);
            send(Responses.text(500, "server error", null));
        } finally {
            closeGracefully(in);
            closed.accept(this);
        }
    }

    private void head(LiveTicket ticket) throws IOException, HttpRefusal {
        write(Responses.file(size(ticket)));
    }

    private void download(LiveTicket ticket) throws IOException, HttpRefusal {
        long size = size(ticket);
        if (!ticket.begin()) {
            throw new HttpRefusal(404, "not found", "the ticket was closed");
        }
        long position = 0;
        try (FileChannel file = FileChannel.open(ticket.source(), StandardOpenOption.READ)) {
            write(Responses.file(size));
            while (position < size) {
                if (ticket.revoked()) {
                    throw new IOException("the ticket was closed");
                }
                long sent = file.transferTo(position, Math.min(CHUNK, size - position), channel);
                if (sent <= 0 && file.size() <= position) {
                    throw new IOException("the offered file shrank to " + file.size() + " bytes while being sent");
                }
                position += sent;
                ticket.transferred(position);
                idle();
            }
            ticket.complete(null);
            LOG.info("HTTP: {} read {} ({} bytes)", who(), ticket.name(), size);
        } catch (IOException e) {
            ticket.failed("HTTP download stopped after " + position + " of " + size + " bytes: " + reason(e));
            throw e;
        } finally {
            ticket.end();
        }
    }

    private void upload(LiveTicket ticket, HttpRequest request, InputStream in) throws IOException, HttpRefusal {
        long cap = ticket.ticket().maxBytes();
        if (!request.chunked() && request.contentLength() < 0) {
            throw new HttpRefusal(411, "length required", "a PUT without Content-Length or chunked encoding");
        }
        if (request.contentLength() > cap) {
            ticket.failed("HTTP upload refused: Content-Length " + request.contentLength()
                    + " exceeds the ticket's cap of " + cap + " bytes");
            throw new HttpRefusal(413, "upload too large", "Content-Length " + request.contentLength()
                    + " exceeds the ticket's cap of " + cap + " bytes");
        }
        if (!ticket.beginAlone()) {
            throw new HttpRefusal(409, "upload in progress", ticket.completed()
                    ? "the ticket's upload already completed" : "another upload under this ticket is running");
        }
        try {
            if (request.expectContinue()) {
                write(Responses.CONTINUE.duplicate());
            }
            InputStream body = request.chunked() ? new ChunkedBody(in) : in;
            long received = new Upload(ticket, this::idle).receive(body,
                    request.chunked() ? -1 : request.contentLength());
            write(Responses.text(201, "stored " + received + " bytes", null));
            LOG.info("HTTP: {} wrote {} ({} bytes)", who(), ticket.name(), received);
        } catch (HttpRefusal e) {
            ticket.failed("HTTP upload refused: " + e.reason());
            throw e;
        } catch (ChunkedBody.MalformedBody e) {
            ticket.failed("HTTP upload refused: " + e.getMessage());
            throw new HttpRefusal(400, "bad request", "malformed chunked body: " + e.getMessage());
        } catch (IOException e) {
            ticket.failed("HTTP upload cut short: " + reason(e));
            throw e;
        } finally {
            ticket.end();
        }
    }

    private static long size(LiveTicket ticket) throws HttpRefusal {
        try {
            return Files.size(ticket.source());
        } catch (IOException e) {
            ticket.failed("the offered file " + ticket.source() + " cannot be read: " + e.getMessage());
            throw new HttpRefusal(404, "not found", "the offered file is gone or unreadable");
        }
    }

    /** Why the connection failed: its deadline if the watchdog closed it, else what the socket said. */
    private String reason(IOException e) {
        if (timedOut) {
            return overdue;
        }
        if (aborted) {
            return "the HTTP server stopped";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private void refuse(HttpRequest request, HttpRefusal refusal) {
        String what = request != null ? what(request)
                : refusal.requestLine() != null ? "'" + LogText.of(refusal.requestLine()) + "'" : "a request";
        refusals.warn(LOG, "HTTP: refused {} from {}: {} ({})", what, who(), refusal.reason(), refusal.status());
        send(Responses.text(refusal.status(), refusal.clientMessage(), refusal.allow()));
    }

    /** The request for a log line: its method and target through LogText, never the raw line. */
    private static String what(HttpRequest request) {
        return request == null ? "a request" : request.method() + " '" + LogText.of(request.target()) + "'";
    }

    private String who() {
        return client.getAddress().getHostAddress() + ":" + client.getPort();
    }

    /** A byte moved: the idle time-out starts again. */
    private void idle() {
        deadline(TimeUnit.SECONDS.toMillis(settings.idleSeconds()),
                "no byte moved for " + settings.idleSeconds() + " s (httpIdleSeconds)");
    }

    private void deadline(long millis, String reason) {
        overdue = reason;
        deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    }

    private void write(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Best effort: the client may be gone already. */
    private void send(ByteBuffer response) {
        try {
            write(response);
        } catch (IOException e) {
            LOG.debug("HTTP: cannot answer {}: {}", who(), e.getMessage());
        }
    }

    /**
     * Half-closes, then reads what the client still sends (a refused body, its FIN) for a moment, so
     * that closing with unread bytes does not reset the connection and destroy the answer in flight.
     */
    private void closeGracefully(InputStream in) {
        try {
            if (channel.isOpen()) {
                deadline(LINGER_MILLIS, "closing");
                channel.shutdownOutput();
                InputStream rest = in != null ? in : Channels.newInputStream(channel);
                byte[] sink = new byte[8192];
                long drained = 0;
                for (int n = rest.read(sink); n >= 0 && drained < MAX_DRAIN; n = rest.read(sink)) {
                    drained += n;
                }
            }
        } catch (IOException e) {
            // the client reset or went silent: nothing more to say to it
        } finally {
            closeQuietly();
        }
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("HTTP: closing the connection of {}: {}", who(), e.getMessage());
        }
    }
}
