package org.uplift.repository.tftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.repository.tftp.RawTftp.RRQ;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.repository.TransferTicket;

/**
 * Loss recovery with a hand-driven client: for RFC 7440 windows, resending from a gap at once, a
 * time-out that follows the measured round trip, the tail probe, going back to a gap whose copy was
 * lost, no answer to the client's own duplicates, and windows up to 64; for lock-step reads and
 * uploads, the measured time-out too. The server's configured time-out is long (3 s) so that what happens sooner is
 * the new behaviour, not the old fixed time-out.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TftpLossRecoveryTest extends FileServerTestSupport {

    private static final int CONFIGURED_TIMEOUT_MS = 3000;

    @Override
    Map<String, Object> config() {
        return Map.of("port", 0, "timeoutMillis", CONFIGURED_TIMEOUT_MS, "maxRetries", 3, "ftpPort", 0, "httpPort", 0);
    }

    private TransferTicket offer(int size) throws Exception {
        return server.offer(file(size), loopback, TTL);
    }

    private RawTftp device() throws Exception {
        return new RawTftp("127.0.0.1", server.endpoint(TransferProtocol.TFTP).port());
    }

    /** Asks for the file with windowsize {@code window} and acknowledges the OACK after {@code delayMillis}. */
    private static SocketAddress open(RawTftp device, TransferTicket ticket, int window, long delayMillis)
            throws Exception {
        device.sendRequest(RRQ, ticket.fileName(), "octet", "windowsize", Integer.toString(window));
        DatagramPacket oack = device.receive();
        assertEquals(Map.of("windowsize", Integer.toString(window)), RawTftp.options(oack));
        Thread.sleep(delayMillis); // the handshake's round trip is the server's first sample
        device.send(oack.getSocketAddress(), RawTftp.ack(0));
        return oack.getSocketAddress();
    }

    private static void receiveBlocks(RawTftp device, int from, int to) throws IOException {
        for (int block = from; block <= to; block++) {
            assertEquals(block, RawTftp.block(device.receive()));
        }
    }

    @Test
    void givenALostBlockInTheWindow_whenTheDeviceAcknowledgesTheBlockBefore_thenTheServerResendsFromTheGapAtOnce()
            throws Exception {
        TransferTicket ticket = offer(512 * 20);
        try (RawTftp device = device()) {
            // a 300 ms round trip: the time-out becomes 900 ms and the tail probe 600 ms
            SocketAddress tid = open(device, ticket, 8, 300);
            receiveBlocks(device, 1, 8);
            Thread.sleep(350); // the "path" back: block 3 had time to arrive, so ACK 2 shows it lost
            long acked = System.nanoTime();
            device.send(tid, RawTftp.ack(2));
            DatagramPacket next = device.receive();
            long waitedMillis = (System.nanoTime() - acked) / 1_000_000;
            assertEquals(3, RawTftp.block(next), "the window goes on from the gap, not from the probe's block 8");
            assertTrue(waitedMillis < 200, "resent " + waitedMillis + " ms after the ACK: at once, not after the"
                    + " 900 ms time-out nor the 600 ms probe");
            receiveBlocks(device, 4, 10);
        }
    }

    @Test
    void givenAWindowsFirstBlockLost_whenTheDeviceRepeatsTheAckBefore_thenTheWindowIsResentOnceNotOnEveryRepeat()
            throws Exception {
        TransferTicket ticket = offer(512 * 20);
        try (RawTftp device = device()) {
            SocketAddress tid = open(device, ticket, 8, 100); // probe after 200 ms, time-out after 300 ms
            device.send(tid, RawTftp.ack(0)); // ACK 0 repeated before the window: stale, answered with nothing
            receiveBlocks(device, 1, 8);
            Thread.sleep(100); // block 1 "lost": the device saw block 2 and says it has only 0
            device.send(tid, RawTftp.ack(0));
            DatagramPacket resent = device.receive();
            assertEquals(1, RawTftp.block(resent), "the window again from its first block, not the probe's block 8");
            receiveBlocks(device, 2, 8);
            device.send(tid, RawTftp.ack(0)); // and again: no second answer
            long quiet = System.nanoTime() + 120_000_000L;
            for (long left = 120; left > 0; left = (quiet - System.nanoTime()) / 1_000_000L) {
                DatagramPacket early = device.receive((int) left);
                if (early != null) {
                    assertEquals(8, RawTftp.block(early), "a repeated ACK 0 is answered once per acknowledged block");
                }
            }
        }
    }

    @Test
    void givenADeviceThatAnswersLate_whenItFallsSilent_thenTheTimeOutFollowsItsRoundTripNotTheFloor()
            throws Exception {
        TransferTicket ticket = offer(512 * 20);
        try (RawTftp device = device()) {
            open(device, ticket, 4, 400); // 400 ms round trip: time-out 400 + 4 x 200 = 1200 ms
            long sent = System.nanoTime();
            receiveBlocks(device, 1, 4);
            DatagramPacket resent = device.receive(2500);
            while (resent != null && RawTftp.block(resent) == 4) {
                resent = device.receive(2500); // the tail probe (block 4 again, after 800 ms)
            }
            assertNotNull(resent);
            long waitedMillis = (System.nanoTime() - sent) / 1_000_000;
            assertEquals(1, RawTftp.block(resent), "the time-out resends the window from its first block");
            assertTrue(waitedMillis >= 1000, "resent after " + waitedMillis + " ms: a late device is given its round"
                    + " trip, not the 200 ms floor");
        }
    }

    @Test
    void givenAPromptDevice_whenItFallsSilent_thenTheWindowIsResentLongBeforeTheConfiguredTimeOut()
            throws Exception {
        TransferTicket ticket = offer(512 * 20);
        try (RawTftp device = device()) {
            open(device, ticket, 4, 0);
            long sent = System.nanoTime();
            receiveBlocks(device, 1, 4);
            DatagramPacket probe = device.receive(CONFIGURED_TIMEOUT_MS);
            assertNotNull(probe);
            assertEquals(4, RawTftp.block(probe), "first the tail probe: the window's last block once more");
            DatagramPacket resent = device.receive(CONFIGURED_TIMEOUT_MS);
            assertNotNull(resent);
            long waitedMillis = (System.nanoTime() - sent) / 1_000_000;
            assertEquals(1, RawTftp.block(resent));
            assertTrue(waitedMillis < CONFIGURED_TIMEOUT_MS / 2, "resent after " + waitedMillis
                    + " ms; the configured time-out is " + CONFIGURED_TIMEOUT_MS + " ms");
        }
    }

    @Test
    void givenTheProbesDuplicate_whenTheDeviceAnswersItWithAnExtraAck_thenNothingIsResent() throws Exception {
        TransferTicket ticket = offer(512 * 40);
        try (RawTftp device = device()) {
            // 100 ms round trip: probe after 200 ms, time-out after 300 ms
            SocketAddress tid = open(device, ticket, 8, 100);
            receiveBlocks(device, 1, 8);
            DatagramPacket probe = device.receive();
            assertEquals(8, RawTftp.block(probe), "the tail probe");
            device.send(tid, RawTftp.ack(8));
            receiveBlocks(device, 9, 16);
            // as atftp does: the duplicate block 8 answered with the last block in order, 8, "late"
            device.send(tid, RawTftp.ack(8));
            long quiet = System.nanoTime() + 150_000_000L;
            for (long left = 150; left > 0; left = (quiet - System.nanoTime()) / 1_000_000L) {
                DatagramPacket early = device.receive((int) left);
                if (early != null) {
                    assertEquals(16, RawTftp.block(early), "an ACK answering the server's own duplicate is no gap:"
                            + " blocks 9.. in flight must not be sent again (only the tail probe may come)");
                }
            }
        }
    }

    /**
     * A receiver that acts as atftp does ({@link AtftpLikeReceiver}) loses the first copy of block 8,
     * the last of the first window. Answering the extra ACKs that duplicates draw as gaps would send
     * every later window about twice.
     */
    @Test
    void givenAnAtftpLikeReceiverThatLosesAWindowsLastBlock_whenTheTransferEnds_thenItGotNoDuplicateWindows()
            throws Exception {
        int blocks = 200;
        int window = 8;
        TransferTicket ticket = offer(512 * (blocks - 1) + 100);
        AtftpLikeReceiver receiver;
        try (RawTftp device = device()) {
            SocketAddress tid = open(device, ticket, window, 0);
            receiver = new AtftpLikeReceiver(device, tid, window, 512, (block, copy) -> block == 8 && copy == 1);
            assertEquals(blocks, receiver.receiveAll(CONFIGURED_TIMEOUT_MS * 2));
        }
        int dataPackets = receiver.dataPackets();
        assertTrue(dataPackets <= blocks + 3 * window, dataPackets + " DATA packets for " + blocks + " blocks");
    }

    /**
     * The stall seen at windowsize 64 and 2 % loss: a copy of a gap is lost again, and a block of
     * the copy the time-out sends is lost too. The receiver is then past its one extra ACK and drops
     * the tail probe; and the ACK showing the next gap was taken for the answer to a duplicate, so
     * only the time-out went on, doubled each time since no round trip is measured on copies
     * (200, 400, 800, 1600 ms, ...). Here every third block loses its first two copies.
     */
    @Test
    void givenAnAtftpLikeReceiverThatLosesCopiesOfGaps_whenTheTransferEnds_thenNoTimeOutWasWaitedFor()
            throws Exception {
        int blocks = 40;
        int window = 8;
        TransferTicket ticket = offer(512 * (blocks - 1) + 100);
        try (RawTftp device = device()) {
            SocketAddress tid = open(device, ticket, window, 0);
            AtftpLikeReceiver receiver = new AtftpLikeReceiver(device, tid, window, 512,
                    (block, copy) -> block % 3 == 0 && copy <= 2);
            long started = System.nanoTime();
            assertEquals(blocks, receiver.receiveAll(CONFIGURED_TIMEOUT_MS * 2));
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(tookMillis < CONFIGURED_TIMEOUT_MS / 2, "took " + tookMillis + " ms: each lost copy of a gap"
                    + " should cost two round trips (the probe, 50 ms at least), not a backed-off time-out");
        }
        assertTrue(completes(ticket));
    }

    @Test
    void givenALockStepRead_whenABlockIsLost_thenItIsResentLongBeforeTheConfiguredTimeOut() throws Exception {
        int size = 512 * 3 + 10;
        TransferTicket ticket = offer(size);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (RawTftp device = device()) {
            device.sendRequest(RRQ, ticket.fileName(), "octet"); // no options: RFC 1350 lock-step
            DatagramPacket first = device.receive();
            SocketAddress tid = first.getSocketAddress();
            assertEquals(1, RawTftp.block(first));
            received.writeBytes(RawTftp.payload(first));
            device.send(tid, RawTftp.ack(1)); // at once: a round trip of well under a millisecond
            assertEquals(2, RawTftp.block(device.receive()), "block 2, which the device then loses");
            long lost = System.nanoTime();
            DatagramPacket resent = device.receive(CONFIGURED_TIMEOUT_MS * 2);
            long waitedMillis = (System.nanoTime() - lost) / 1_000_000;
            assertNotNull(resent);
            assertEquals(2, RawTftp.block(resent));
            assertTrue(waitedMillis < CONFIGURED_TIMEOUT_MS / 2, "resent after " + waitedMillis
                    + " ms; the configured time-out is " + CONFIGURED_TIMEOUT_MS + " ms");
            for (DatagramPacket data = resent;; data = device.receive()) {
                received.writeBytes(RawTftp.payload(data));
                device.send(tid, RawTftp.ack(RawTftp.block(data)));
                if (data.getLength() - 4 < 512) {
                    break;
                }
            }
        }
        assertArrayEquals(random(size), received.toByteArray());
        assertTrue(completes(ticket));
    }

    @Test
    void givenALockStepUpload_whenABlockIsLost_thenTheAckIsResentLongBeforeTheConfiguredTimeOut() throws Exception {
        byte[] content = random(512 + 200);
        TransferTicket ticket = server.receive(loopback, 10_000, TTL);
        try (RawTftp device = device()) {
            device.sendRequest(RawTftp.WRQ, ticket.fileName(), "octet");
            DatagramPacket ack0 = device.receive();
            SocketAddress tid = ack0.getSocketAddress();
            assertEquals(0, RawTftp.block(ack0));
            device.send(tid, RawTftp.data(1, content, 0, 512)); // at once: a round trip of well under a millisecond
            assertEquals(1, RawTftp.block(device.receive()));
            long lost = System.nanoTime(); // block 2 "lost" on its way: the server hears nothing
            DatagramPacket again = device.receive(CONFIGURED_TIMEOUT_MS * 2);
            long waitedMillis = (System.nanoTime() - lost) / 1_000_000;
            assertNotNull(again);
            assertEquals(RawTftp.ACK, RawTftp.opcode(again));
            assertEquals(1, RawTftp.block(again), "the last block received, acknowledged again");
            assertTrue(waitedMillis < CONFIGURED_TIMEOUT_MS / 2, "acknowledged again after " + waitedMillis
                    + " ms; the configured time-out is " + CONFIGURED_TIMEOUT_MS + " ms");
            device.send(tid, RawTftp.data(2, content, 512, 200));
            DatagramPacket last = device.receive();
            assertEquals(RawTftp.ACK, RawTftp.opcode(last));
            assertEquals(2, RawTftp.block(last));
        }
        assertArrayEquals(content, Files.readAllBytes(uploaded(ticket)));
    }

    @Test
    void givenWindowsize64_whenReading_thenSixtyFourBlocksComePerAckAndTheFileArrivesWhole() throws Exception {
        int size = 512 * 150 + 77;
        TransferTicket ticket = offer(size);
        byte[] content = random(size);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (RawTftp device = device()) {
            device.sendRequest(RRQ, ticket.fileName(), "octet", "windowsize", "100");
            DatagramPacket oack = device.receive();
            assertEquals(Map.of("windowsize", "64"), RawTftp.options(oack), "a larger window is answered with 64");
            SocketAddress tid = oack.getSocketAddress();
            device.send(tid, RawTftp.ack(0));
            int expected = 1;
            while (true) {
                DatagramPacket data = device.receive();
                assertEquals(expected, RawTftp.block(data));
                received.writeBytes(RawTftp.payload(data));
                boolean last = data.getLength() - 4 < 512;
                if (last || expected % 64 == 0) {
                    device.send(tid, RawTftp.ack(expected));
                }
                if (last) {
                    break;
                }
                expected++;
            }
            assertEquals(151, expected);
        }
        assertArrayEquals(content, received.toByteArray());
    }
}
