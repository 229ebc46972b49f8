package org.uplift.repository.tftp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.repository.ticket.TicketRegistry;

/** The listening socket and its thread: receives requests and passes each to the dispatcher. */
final class TftpServer {

    private static final Logger LOG = LoggerFactory.getLogger(TftpServer.class);
    private static final int MAX_DATAGRAM = 65536;
    private static final int RECEIVE_BUFFER = 1 << 20;
    private static final long STOP_WAIT_MILLIS = 5000;
    /** Transfer threads idle this long leave; starting one again costs far less than a transfer. */
    private static final long IDLE_THREAD_MILLIS = 5000;

    private final DatagramSocket socket;
    private final TransferPool pool;
    private final RequestDispatcher dispatcher;
    private final Thread listener;

    TftpServer(TftpSettings settings, TicketRegistry tickets) throws IOException {
        this.socket = listen(settings);
        this.pool = new TransferPool(settings.maxTransfers(), IDLE_THREAD_MILLIS);
        this.dispatcher = new RequestDispatcher(settings, new RequestGate(tickets), pool);
        this.listener = new Thread(this::listen, "uplift-tftp-listener");
        listener.setDaemon(true);
        listener.start();
    }

    private static DatagramSocket listen(TftpSettings settings) throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        try {
            // a burst (a flood's large datagrams above all) must not crowd devices' requests out of the
            // default 208 KiB buffer; the kernel caps this at net.core.rmem_max
            socket.setReceiveBufferSize(RECEIVE_BUFFER);
            socket.bind(new InetSocketAddress(settings.bindAddress(), settings.port()));
            if (socket.getReceiveBufferSize() < RECEIVE_BUFFER) {
                LOG.info("TFTP listener: the kernel gave a receive buffer of {} KiB, not {} KiB; raise"
                        + " net.core.rmem_max so a flood crowds out fewer requests",
                        socket.getReceiveBufferSize() / 1024,
                        RECEIVE_BUFFER / 1024);
            }
            return socket;
        } catch (SocketException e) {
            socket.close();
            throw new IOException("cannot listen for TFTP on " + settings.bindAddress().getHostAddress() + ":"
                    + settings.port() + " (" + e.getMessage() + "); set another bindAddress or port in "
                    + TftpFileServer.PID, e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Transfers running now, half-open ones included. */
    int activeTransfers() {
        return pool.running();
    }

    /** The local ports of the running transfers. */
    List<Integer> transferPorts() {
        return pool.ports();
    }

    void stop() {
        socket.close();
        try {
            listener.join(STOP_WAIT_MILLIS);
            pool.stop(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void listen() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (!socket.isClosed()) {
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(datagram);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("TFTP listener: receive failed: {}", e.getMessage());
                }
                continue;
            }
            // the buffer is reused for the next request
            byte[] copy = Arrays.copyOf(buffer, datagram.getLength());
            try {
                dispatcher.handle(new DatagramPacket(copy, copy.length, datagram.getAddress(), datagram.getPort()));
            } catch (RuntimeException e) {
                LOG.error("TFTP listener: request from {}:{} failed unexpectedly", datagram.getAddress(),
                        datagram.getPort(), e);
            }
        }
    }
}
