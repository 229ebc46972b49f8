package org.uplift.repository.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.common.logging.LogThrottle;
import org.uplift.repository.ticket.TicketRegistry;

/**
 * A small HTTP/1.1 server on plain sockets serving only tickets: GET and HEAD of a read ticket's file,
 * PUT of a write ticket's upload, one request per connection. Plain sockets rather than the JDK's
 * {@code com.sun.net.httpserver}, which an OSGi framework need not export, and rather than the host's
 * HTTP service, whose port, filters and authentication belong to the NMS.
 *
 * <p>Threads: one accepting, one per open connection (at most {@code maxConnections}, leaving when
 * idle), and one watchdog that closes connections past their deadline.
 */
public final class TicketHttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(TicketHttpServer.class);
    private static final long IDLE_THREAD_MILLIS = 5000;
    private static final long WATCH_MILLIS = 200;
    private static final long STOP_WAIT_MILLIS = 5000;

    private final HttpSettings settings;
    private final TicketGate gate;
    private final ServerSocketChannel listener;
    private final ConnectionSlots slots;
    private final Set<HttpConnection> open = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor watchdog;
    private final Thread acceptor;
    private final LogThrottle refusals = new LogThrottle("HTTP refusals", 20, Duration.ofSeconds(10));

    public TicketHttpServer(HttpSettings settings, TicketRegistry tickets) throws IOException {
        this.settings = settings;
        this.gate = new TicketGate(tickets);
        this.slots = new ConnectionSlots(settings.maxConnections(), settings.maxConnectionsPerAddress());
        this.listener = listen(settings);
        // the slots keep the queue empty: every admitted connection has a thread
        this.workers = new ThreadPoolExecutor(settings.maxConnections(), settings.maxConnections(),
                IDLE_THREAD_MILLIS, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), named("uplift-http-worker-"));
        workers.allowCoreThreadTimeOut(true);
        this.watchdog = new ScheduledThreadPoolExecutor(1, named("uplift-http-watchdog-"));
        watchdog.scheduleWithFixedDelay(this::closeOverdue, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
        this.acceptor = new Thread(this::accept, "uplift-http-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static ServerSocketChannel listen(HttpSettings settings) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(settings.bindAddress(), settings.port()), 128);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot listen for HTTP on " + settings.bindAddress().getHostAddress() + ":"
                    + settings.port() + " (" + e.getMessage() + "); set another bindAddress or httpPort", e);
        }
    }

    public int port() {
        return listener.socket().getLocalPort();
    }

    /** Connections open now, refused ones left out. */
    public int connections() {
        return slots.open();
    }

    public void stop() {
        try {
            listener.close();
        } catch (IOException e) {
            LOG.debug("HTTP: closing the listener: {}", e.getMessage());
        }
        try {
            acceptor.join(STOP_WAIT_MILLIS);
            open.forEach(HttpConnection::abort);
            workers.shutdown();
            workers.awaitTermination(STOP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            watchdog.shutdownNow();
            workers.shutdownNow();
        }
    }

    private void accept() {
        while (listener.isOpen()) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("HTTP: accepting a connection failed: {}", e.getMessage());
                pause();
                continue;
            }
            admit(channel);
        }
    }

    private void admit(SocketChannel channel) {
        InetSocketAddress client;
        try {
            client = (InetSocketAddress) channel.getRemoteAddress();
        } catch (IOException e) {
            closeQuietly(channel);
            return;
        }
        String refusal = client == null ? "gone before it was accepted" : slots.admit(client.getAddress());
        if (refusal != null) {
            refuse(channel, client, refusal);
            return;
        }
        HttpConnection connection = new HttpConnection(channel, client, gate, settings, refusals, this::closed);
        open.add(connection);
        try {
            workers.execute(connection);
        } catch (RejectedExecutionException e) {
            // the server is stopping
            closed(connection);
            closeQuietly(channel);
        }
    }

    /** 503 and close, from the accepting thread: a new connection's send buffer takes the few bytes at once. */
    private void refuse(SocketChannel channel, InetSocketAddress client, String reason) {
        refusals.warn(LOG, "HTTP: refused the connection from {}: {}",
                client == null ? "?" : client.getAddress().getHostAddress(), reason);
        try {
            channel.configureBlocking(false);
            channel.write(Responses.text(503, "too many connections, try again later", null));
            channel.shutdownOutput();
        } catch (IOException e) {
            // gone already
        } finally {
            closeQuietly(channel);
        }
    }

    private void closed(HttpConnection connection) {
        if (open.remove(connection)) {
            slots.release(connection.client().getAddress());
        }
    }

    private void closeOverdue() {
        long now = System.nanoTime();
        for (HttpConnection connection : open) {
            connection.closeIfOverdue(now);
        }
    }

    /** A failing accept (out of file descriptors) must not spin. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
