package org.uplift.repository.tftp;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.apache.commons.net.tftp.TFTPErrorPacket;
import org.apache.commons.net.tftp.TFTPPacket;
import org.apache.commons.net.tftp.TFTPPacketException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.common.logging.LogThrottle;
import org.uplift.repository.ticket.LogText;

/**
 * One transfer's own UDP socket (its TID, RFC 1350) and peer: sends, remembers the last packet for
 * retransmission, and waits for replies with a time-out bounded by a number of retries.
 */
final class TransferChannel implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(TransferChannel.class);
    private static final int MAX_DATAGRAM = 65536;

    /** How a transfer treats a reply from its peer. */
    enum Reply {
        /** The awaited packet. */
        ACCEPT,
        /** A stale duplicate: wait on, resend nothing (no Sorcerer's Apprentice). */
        IGNORE,
        /** The peer repeated itself because our last packet was lost: resend it now. */
        RESEND
    }

    @FunctionalInterface
    interface ReplyFilter {
        Reply classify(TFTPPacket packet) throws TftpRefusal;
    }

    /** What to send again when the peer is silent or asks for it; by default the last packet sent. */
    @FunctionalInterface
    interface Resender {
        void resend() throws IOException;
    }

    private final DatagramSocket socket;
    private final InetAddress peer;
    private final int peerPort;
    private final LogThrottle strangers;
    private final byte[] buffer = new byte[MAX_DATAGRAM];
    private DatagramPacket last;
    private int timeoutMillis;
    private int maxRetries;
    private int retransmissions;

    /** @param strangers where packets from anyone but the peer are logged, the server's throttle */
    TransferChannel(InetAddress bindAddress, InetSocketAddress peer, int timeoutMillis, int maxRetries,
            LogThrottle strangers) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(bindAddress, 0));
        this.peer = peer.getAddress();
        this.peerPort = peer.getPort();
        this.timeoutMillis = timeoutMillis;
        this.maxRetries = maxRetries;
        this.strangers = strangers;
    }

    InetSocketAddress peer() {
        return new InetSocketAddress(peer, peerPort);
    }

    /** This transfer's own port (its TID); -1 once closed. */
    int localPort() {
        return socket.getLocalPort();
    }

    /** The client may negotiate its own time-out. */
    void timeoutMillis(int millis) {
        this.timeoutMillis = millis;
    }

    /** Packets sent again by {@link #await} after a silent time-out, so far. */
    int retransmissions() {
        return retransmissions;
    }

    int maxRetries() {
        return maxRetries;
    }

    /**
     * Room for a whole window in the socket's buffers, so a burst is neither cut short on its way out
     * nor are ACKs lost behind it; the kernel may grant less (net.core.wmem_max, rmem_max).
     */
    void bufferFor(int windowBytes) throws IOException {
        if (socket.getSendBufferSize() < 2 * windowBytes) {
            socket.setSendBufferSize(2 * windowBytes);
        }
    }

    void send(DatagramPacket packet) throws IOException {
        sendOnly(packet);
        last = packet;
    }

    /** Sends without remembering the packet for retransmission (windowed data, re-read from disk instead). */
    void sendOnly(DatagramPacket packet) throws IOException {
        packet.setAddress(peer);
        packet.setPort(peerPort);
        socket.send(packet);
    }

    /** The last packet {@link #send} sent, again. */
    void resendLast() throws IOException {
        socket.send(last);
    }

    /** Best effort: the transfer ends anyway. */
    void sendError(int code, String message) {
        try {
            socket.send(TftpPackets.error(code, message, peer, peerPort));
        } catch (IOException e) {
            LOG.debug("Cannot send TFTP error to {}:{}: {}", peer.getHostAddress(), peerPort, e.getMessage());
        }
    }

    /**
     * Waits for the packet {@code filter} accepts, retransmitting the last packet after each silent
     * time-out, at most {@code maxRetries} times.
     */
    TFTPPacket await(ReplyFilter filter, BooleanSupplier cancelled) throws IOException, TftpRefusal, TransferAborted {
        return await(filter, cancelled, this::resendLast);
    }

    /** As {@link #await(ReplyFilter, BooleanSupplier)}, but {@code resender} decides what is sent again (RFC 7440 windows). */
    TFTPPacket await(ReplyFilter filter, BooleanSupplier cancelled, Resender resender)
            throws IOException, TftpRefusal, TransferAborted {
        // never sampled, an estimator stays at its ceiling: the fixed time-out
        return await(filter, cancelled, resender, new RttEstimator(timeoutMillis * 1_000_000L), false);
    }

    /**
     * As {@link #await(ReplyFilter, BooleanSupplier, Resender)}, but each silent time-out is the one
     * {@code rtt} gives, backed off after it, and only those at its ceiling (the transfer's own
     * time-out) count against the retries: short, measured ones cost a device no patience. If
     * {@code roundTrip}, the awaited packet answers the one just sent, and its delay is a round trip
     * to measure, unless something was sent again meanwhile (Karn).
     */
    TFTPPacket await(ReplyFilter filter, BooleanSupplier cancelled, Resender resender, RttEstimator rtt,
            boolean roundTrip) throws IOException, TftpRefusal, TransferAborted {
        int retries = 0;
        long sent = System.nanoTime();
        boolean resent = false;
        long deadline = sent + rtt.rtoNanos();
        while (true) {
            if (cancelled.getAsBoolean()) {
                throw new TftpRefusal(TftpRefusal.UNDEFINED, "transfer cancelled", "the ticket was closed");
            }
            TFTPPacket packet = receive(deadline);
            if (packet == null) {
                if (rtt.atCeiling() && ++retries > maxRetries) {
                    throw new TransferAborted("no answer from " + peer.getHostAddress() + " after " + maxRetries
                            + " retransmissions " + timeoutMillis + " ms apart");
                }
                rtt.backOff();
                resender.resend();
                resent = true;
                retransmissions++;
                deadline = System.nanoTime() + rtt.rtoNanos();
                continue;
            }
            if (packet instanceof TFTPErrorPacket error) {
                throw new TransferAborted("the device sent TFTP error " + error.getError() + " ("
                        + LogText.of(error.getMessage()) + ")");
            }
            switch (filter.classify(packet)) {
                case ACCEPT :
                    if (roundTrip && !resent) {
                        rtt.sample(System.nanoTime() - sent);
                    }
                    return packet;
                case RESEND :
                    resender.resend();
                    resent = true;
                    break;
                default :
                    break;
            }
        }
    }

    /**
     * The next packet from the peer, or {@code null} at {@code deadlineNanos} ({@link System#nanoTime()});
     * for senders that keep their own retransmission clock.
     */
    TFTPPacket next(long deadlineNanos) throws IOException, TftpRefusal, TransferAborted {
        TFTPPacket packet = receive(deadlineNanos);
        if (packet instanceof TFTPErrorPacket error) {
            throw new TransferAborted("the device sent TFTP error " + error.getError() + " ("
                    + LogText.of(error.getMessage()) + ")");
        }
        return packet;
    }

    /**
     * After the final ACK of an upload, waits one time-out for the peer to repeat its last block,
     * which means our ACK was lost (RFC 1350 "dallying").
     */
    void dally(Predicate<TFTPPacket> repeated) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try {
            for (TFTPPacket packet = receive(deadline); packet != null; packet = receive(deadline)) {
                if (repeated.test(packet)) {
                    socket.send(last);
                }
            }
        } catch (TftpRefusal | IOException e) {
            // the transfer is complete: garbage, or the server stopping, changes nothing
        }
    }

    /** The next packet from the peer, or {@code null} at the deadline; strangers get ERROR 5. */
    private TFTPPacket receive(long deadline) throws IOException, TftpRefusal {
        while (true) {
            // rounded up: a deadline less than a millisecond away must still wait, not spin
            long remaining = (deadline - System.nanoTime() + 999_999L) / 1_000_000L;
            if (remaining <= 0) {
                return null;
            }
            DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
            socket.setSoTimeout((int) Math.min(remaining, Integer.MAX_VALUE));
            try {
                socket.receive(datagram);
            } catch (SocketTimeoutException e) {
                return null;
            }
            if (!peer.equals(datagram.getAddress()) || peerPort != datagram.getPort()) {
                rejectStranger(datagram);
                continue;
            }
            try {
                return TftpPackets.parse(datagram);
            } catch (TFTPPacketException e) {
                throw new TftpRefusal(TftpRefusal.ILLEGAL_OPERATION, "malformed packet",
                        "the device sent a malformed packet: " + e.getMessage());
            }
        }
    }

    private void rejectStranger(DatagramPacket datagram) throws IOException {
        strangers.warn(LOG, "TFTP: packet from {}:{} on the transfer with {}:{} refused: unknown transfer ID",
                datagram.getAddress().getHostAddress(), datagram.getPort(), peer.getHostAddress(), peerPort);
        if (TftpPackets.opcode(datagram) != TFTPPacket.ERROR) {
            socket.send(TftpPackets.error(TftpRefusal.UNKNOWN_TID, "unknown transfer ID", datagram.getAddress(),
                    datagram.getPort()));
        }
    }

    /** {@code true} once closed, by the transfer itself or by the server stopping. */
    boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void close() {
        socket.close();
    }
}
