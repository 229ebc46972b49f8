package org.uplift.repository.tftp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.repository.ticket.TicketRegistry;

/** The listening socket and its thread: receives requests and passes each to the dispatcher. */
final class TftpServer {

    private static final Logger LOG = LoggerFactory.getLogger(TftpServer.class);
    private static final int MAX_DATAGRAM = 65536;
    private static final long STOP_WAIT_MILLIS = 5000;

    private final DatagramSocket socket;
    private final TransferPool pool;
    private final RequestDispatcher dispatcher;
    private final Thread listener;

    TftpServer(TftpSettings settings, TicketRegistry tickets) throws IOException {
        try {
            this.socket = new DatagramSocket(new InetSocketAddress(settings.bindAddress(), settings.port()));
        } catch (SocketException e) {
            throw new IOException("cannot listen for TFTP on " + settings.bindAddress().getHostAddress() + ":"
                    + settings.port() + " (" + e.getMessage() + "); set another bindAddress or port in "
                    + TftpFileServer.PID, e);
        }
        this.pool = new TransferPool(settings.maxTransfers());
        this.dispatcher = new RequestDispatcher(settings, new RequestGate(tickets), pool);
        this.listener = new Thread(this::listen, "uplift-tftp-listener");
        listener.setDaemon(true);
        listener.start();
    }

    int port() {
        return socket.getLocalPort();
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
