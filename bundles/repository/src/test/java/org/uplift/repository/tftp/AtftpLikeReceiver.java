package org.uplift.repository.tftp;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketAddress;
import java.time.Duration;

/**
 * A windowed receiver that acts as atftp 0.8 does (seen in its trace): it keeps only blocks in
 * order, acknowledges every {@code window} of them since its last ACK, and at the first block out
 * of order (a gap or a duplicate) sends one extra ACK of its last block in order, then drops every
 * block out of order silently until the next in order comes. A {@link Loss} decides which copies
 * of which blocks never arrive.
 */
final class AtftpLikeReceiver {

    /** Whether the {@code copy}-th copy (from 1) of {@code block} is lost on its way. */
    @FunctionalInterface
    interface Loss {
        boolean lost(int block, int copy);
    }

    private final RawTftp device;
    private final SocketAddress tid;
    private final int window;
    private final int blockSize;
    private final Loss loss;
    private final long readNanos;
    private final int[] copies = new int[65536];
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private int dataPackets;

    AtftpLikeReceiver(RawTftp device, SocketAddress tid, int window, int blockSize, Loss loss) {
        this(device, tid, window, blockSize, loss, 0);
    }

    /**
     * @param readNanos how long the receiver takes over each datagram at least, as a device slower
     *        than the server does: what the server sends faster piles up in the socket's buffer
     */
    AtftpLikeReceiver(RawTftp device, SocketAddress tid, int window, int blockSize, Loss loss, long readNanos) {
        this.device = device;
        this.tid = tid;
        this.window = window;
        this.blockSize = blockSize;
        this.loss = loss;
        this.readNanos = readNanos;
    }

    /** Receives up to the last block, failing if the server is silent for {@code patienceMillis}; returns it. */
    int receiveAll(int patienceMillis) throws IOException {
        return receiveAll(patienceMillis, Duration.ofDays(1));
    }

    /** As {@link #receiveAll(int)}, failing too if the last block has not come {@code within} from now. */
    int receiveAll(int patienceMillis, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        int expected = 1;
        int inWindow = 0;
        boolean extraAckSent = false;
        while (true) {
            long left = deadline - System.nanoTime();
            assertTrue(left > 0, "the transfer was not done within " + within.toMillis() + " ms: at block " + expected);
            DatagramPacket data = device.receive((int) Math.min(patienceMillis, (left + 999_999L) / 1_000_000L));
            if (data == null && System.nanoTime() - deadline >= 0) {
                continue; // out of time rather than stalled: said above
            }
            assertNotNull(data, "the transfer stalled at block " + expected);
            long read = System.nanoTime();
            while (System.nanoTime() - read < readNanos) {
                Thread.onSpinWait(); // busy, not asleep: a sleep may take far longer than asked
            }
            dataPackets++;
            int block = RawTftp.block(data);
            if (loss.lost(block, ++copies[block])) {
                continue;
            }
            if (block == expected) {
                boolean last = data.getLength() - 4 < blockSize;
                extraAckSent = false;
                received.write(data.getData(), 4, data.getLength() - 4);
                if (last || ++inWindow == window) {
                    device.send(tid, RawTftp.ack(block));
                    inWindow = 0;
                }
                if (last) {
                    return block;
                }
                expected++;
            } else if (!extraAckSent) {
                device.send(tid, RawTftp.ack(expected - 1));
                extraAckSent = true;
                inWindow = 0;
            }
        }
    }

    /** The content of the blocks kept, in order: the file, once {@link #receiveAll} returned. */
    byte[] received() {
        return received.toByteArray();
    }

    /** DATA packets that reached the receiver's socket so far, the lost ones included. */
    int dataPackets() {
        return dataPackets;
    }
}
