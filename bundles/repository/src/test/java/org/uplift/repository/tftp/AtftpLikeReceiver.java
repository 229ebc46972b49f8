package org.uplift.repository.tftp;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketAddress;

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
    private final int[] copies = new int[65536];
    private int dataPackets;

    AtftpLikeReceiver(RawTftp device, SocketAddress tid, int window, int blockSize, Loss loss) {
        this.device = device;
        this.tid = tid;
        this.window = window;
        this.blockSize = blockSize;
        this.loss = loss;
    }

    /** Receives up to the last block, failing if the server is silent for {@code patienceMillis}; returns it. */
    int receiveAll(int patienceMillis) throws IOException {
        int expected = 1;
        int inWindow = 0;
        boolean extraAckSent = false;
        while (true) {
            DatagramPacket data = device.receive(patienceMillis);
            assertNotNull(data, "the transfer stalled at block " + expected);
            dataPackets++;
            int block = RawTftp.block(data);
            if (loss.lost(block, ++copies[block])) {
                continue;
            }
            if (block == expected) {
                boolean last = data.getLength() - 4 < blockSize;
                extraAckSent = false;
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

    /** DATA packets that reached the receiver's socket so far, the lost ones included. */
    int dataPackets() {
        return dataPackets;
    }
}
