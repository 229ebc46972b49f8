package org.uplift.repository.tftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.uplift.repository.tftp.RawTftp.RRQ;

import java.net.DatagramPacket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.repository.TransferTicket;

/**
 * Pacing after a loss ({@link BurstPacing}), end to end over loopback: a receiver that acts as atftp
 * does ({@link AtftpLikeReceiver}), with a small socket receive buffer and a little slower than the
 * server, downloads 4 MiB at blksize 8192. A window of 16 or 64 such blocks sent back to back
 * overflows its buffer, and so does every copy of it sent after a loss: without pacing these
 * downloads took 33 s to over a minute on the machine they were written on (atftp's never finished),
 * with it well under a second.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TftpPacingTest extends FileServerTestSupport {

    private static final int BLOCK_SIZE = 8192;
    private static final int BLOCKS = 512;
    /** A whole burst fits, a whole window does not (Linux keeps 7 blocks of 8 KiB in it). */
    private static final int RECEIVE_BUFFER = 64 * 1024;
    /** 160 MB/s: slower than the server on loopback, as a device is, so what it sends at once piles up. */
    private static final long READ_NANOS = 50_000L;
    /** Some 15 times what the download takes with pacing. */
    private static final Duration DONE_WITHIN = Duration.ofSeconds(10);

    @Override
    Map<String, Object> config() {
        return Map.of("port", 0, "timeoutMillis", 1000, "maxRetries", 3, "ftpPort", 0, "httpPort", 0);
    }

    @ParameterizedTest(name = "windowsize {0}")
    @ValueSource(ints = {64, 16})
    void givenAReceiverWithASmallBufferThatLostABlock_whenTheWindowsGoOutAgain_thenTheDownloadFinishesWhole(
            int window) throws Exception {
        int size = BLOCK_SIZE * (BLOCKS - 1) + 100;
        TransferTicket ticket = server.offer(file(size), loopback, TTL);
        try (RawTftp device = new RawTftp("127.0.0.1", server.endpoint(TransferProtocol.TFTP).port())) {
            int granted = device.receiveBufferSize(RECEIVE_BUFFER);
            assumeTrue(granted >= BurstPacing.BURST_BYTES && granted < window * (BLOCK_SIZE + 4),
                    "the kernel granted a receive buffer of " + granted + " bytes: the scenario needs room for a"
                            + " burst, not for a window");
            device.sendRequest(RRQ, ticket.fileName(), "octet", "blksize", Integer.toString(BLOCK_SIZE),
                    "windowsize", Integer.toString(window));
            DatagramPacket oack = device.receive();
            assertEquals(Map.of("blksize", Integer.toString(BLOCK_SIZE), "windowsize", Integer.toString(window)),
                    RawTftp.options(oack));
            SocketAddress tid = oack.getSocketAddress();
            device.send(tid, RawTftp.ack(0));
            // the first copy of block 3 lost: the server paces from then on, whatever the buffer did before
            AtftpLikeReceiver receiver = new AtftpLikeReceiver(device, tid, window, BLOCK_SIZE,
                    (block, copy) -> block == 3 && copy == 1, READ_NANOS);
            assertEquals(BLOCKS, receiver.receiveAll(5000, DONE_WITHIN));
            assertArrayEquals(random(size), receiver.received(), "the file, byte for byte");
        }
        assertTrue(completes(ticket));
    }
}
