package org.uplift.repository.tftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.repository.tftp.RawTftp.ACK;
import static org.uplift.repository.tftp.RawTftp.DATA;
import static org.uplift.repository.tftp.RawTftp.OACK;
import static org.uplift.repository.tftp.RawTftp.RRQ;
import static org.uplift.repository.tftp.RawTftp.WRQ;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.commons.net.tftp.TFTP;
import org.apache.commons.net.tftp.TFTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.uplift.api.repository.Endpoint;
import org.uplift.api.repository.RepositoryException;
import org.uplift.api.repository.TransferDirection;
import org.uplift.api.repository.TransferProgress;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.repository.TransferTicket;
import org.uplift.repository.testing.Permissions;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TftpFileServerTest extends FileServerTestSupport {

    @Override
    Map<String, Object> config() {
        return Map.of("port", 0, "timeoutMillis", 300, "maxRetries", 3, "ftpPort", 0, "httpPort", 0);
    }

    private int port() throws RepositoryException {
        return server.endpoint(TransferProtocol.TFTP).port();
    }

    private TransferProgress awaitCompleted(String ticketId) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            TransferProgress progress = server.progress(ticketId).orElseThrow();
            if (progress.completed() || progress.error() != null) {
                return progress;
            }
            Thread.sleep(20);
        }
        return server.progress(ticketId).orElseThrow();
    }

    private TransferProgress awaitError(String ticketId) throws InterruptedException {
        for (int i = 0; i < 100 && server.progress(ticketId).orElseThrow().error() == null; i++) {
            Thread.sleep(20);
        }
        return server.progress(ticketId).orElseThrow();
    }

    private TFTPClient client() throws IOException {
        TFTPClient client = new TFTPClient();
        client.setDefaultTimeout(Duration.ofSeconds(2));
        client.open();
        return client;
    }

    /** Uploads {@code content} to the ticket's file with Commons Net's client. */
    private void upload(TransferTicket ticket, byte[] content) throws Exception {
        TFTPClient client = client();
        try {
            client.sendFile(ticket.fileName(), TFTP.BINARY_MODE, new ByteArrayInputStream(content), loopback, port());
        } finally {
            client.close();
        }
    }

    // --- transfers with Commons Net's own client (no options: 512-byte blocks) ---

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 512, 1536, 5000, 70_000})
    void givenAReadTicket_whenTheDeviceDownloadsWithTftpClient_thenItGetsTheFileByteForByte(int size)
            throws Exception {
        Path file = file(size);
        TransferTicket ticket = server.offer(file, loopback, TTL);
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        TFTPClient client = client();
        try {
            client.receiveFile(ticket.fileName(), TFTP.BINARY_MODE, received, loopback, port());
        } finally {
            client.close();
        }

        assertArrayEquals(Files.readAllBytes(file), received.toByteArray());
        TransferProgress progress = awaitCompleted(ticket.id());
        assertTrue(progress.completed(), String.valueOf(progress));
        assertEquals(size, progress.bytes());
        assertNull(progress.receivedFile());
        assertNull(progress.error());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 512, 1536, 3000})
    void givenAWriteTicket_whenTheDeviceUploadsWithTftpClient_thenTheStagedFileMatchesByteForByte(int size)
            throws Exception {
        byte[] content = Files.readAllBytes(file(size));
        TransferTicket ticket = server.receive(loopback, 1 << 20, TTL);
        assertEquals(TransferDirection.DEVICE_WRITES, ticket.direction());
        assertTrue(ticket.fileName().matches("up-[a-z2-7]{20}\\.cfg"), ticket.fileName());

        upload(ticket, content);

        TransferProgress progress = awaitCompleted(ticket.id());
        assertTrue(progress.completed(), String.valueOf(progress));
        assertEquals(size, progress.bytes());
        assertArrayEquals(content, Files.readAllBytes(progress.receivedFile()));
        assertEquals(temp.resolve("staging").resolve(ticket.fileName()), progress.receivedFile());
        // a device's configuration holds its secrets: Karaf's user only
        Permissions.assertPrivateFile(progress.receivedFile());
    }

    @Test
    void givenAnUnknownName_whenTftpClientAsks_thenItReceivesFileNotFound() throws Exception {
        TFTPClient client = client();
        try {
            IOException e = assertThrows(IOException.class, () -> client.receiveFile("up-nothing.bin",
                    TFTP.BINARY_MODE, new ByteArrayOutputStream(), loopback, port()));
            assertTrue(e.getMessage().contains("Error code 1"), e.getMessage());
        } finally {
            client.close();
        }
    }

    // --- option negotiation (RFC 2347/2348/2349) with raw packets ---

    @Test
    void givenBlksizeTsizeAndTimeout_whenReading_thenTheServerAcknowledgesThemAndSendsLargeBlocks()
            throws Exception {
        Path file = file(1428 * 3);
        TransferTicket ticket = server.offer(file, loopback, TTL);
        ByteArrayOutputStream received = new ByteArrayOutputStream();

        try (RawTftp device = new RawTftp("127.0.0.1", port())) {
            device.sendRequest(RRQ, ticket.fileName(), "octet", "BLKSIZE", "1428", "tsize", "0", "timeout", "2",
                    "multicast", "");
            DatagramPacket oack = device.receive();
            assertEquals(OACK, RawTftp.opcode(oack));
            assertEquals(Map.of("blksize", "1428", "tsize", Long.toString(1428 * 3), "timeout", "2"),
                    RawTftp.options(oack));
            InetSocketAddress tid = (InetSocketAddress) oack.getSocketAddress();
            device.send(tid, RawTftp.ack(0));
            for (int block = 1;; block++) {
                DatagramPacket data = device.receive();
                assertEquals(DATA, RawTftp.opcode(data));
                assertEquals(block, RawTftp.block(data));
                received.writeBytes(RawTftp.payload(data));
                device.send(tid, RawTftp.ack(block));
                if (data.getLength() - 4 < 1428) {
                    assertEquals(4, block, "a file of exactly 3 blocks ends with an empty 4th");
                    break;
                }
            }
        }

        assertArrayEquals(Files.readAllBytes(file), received.toByteArray());
        assertTrue(awaitCompleted(ticket.id()).completed());
    }

    @Test
    void givenBlksizeAndTsize_whenWriting_thenTheServerAcknowledgesAndStoresLargeBlocks() throws Exception {
        byte[] content = Files.readAllBytes(file(2500));
        TransferTicket ticket = server.receive(loopback, 10_000, TTL);

        try (RawTftp device = new RawTftp("127.0.0.1", port())) {
            device.sendRequest(WRQ, ticket.fileName(), "octet", "blksize", "1024", "tsize", "2500");
            DatagramPacket oack = device.receive();
            assertEquals(OACK, RawTftp.opcode(oack));
            assertEquals(Map.of("blksize", "1024", "tsize", "2500"), RawTftp.options(oack));
            InetSocketAddress tid = (InetSocketAddress) oack.getSocketAddress();
            for (int block = 1; block <= 3; block++) {
                int from = (block - 1) * 1024;
                device.send(tid, RawTftp.data(block, content, from, Math.min(1024, content.length - from)));
                DatagramPacket ack = device.receive();
                assertEquals(ACK, RawTftp.opcode(ack));
                assertEquals(block, RawTftp.block(ack));
            }
        }

        TransferProgress progress = awaitCompleted(ticket.id());
        assertArrayEquals(content, Files.readAllBytes(progress.receivedFile()));
    }

    @Test
    void givenAnOversizedBlksize_whenReading_thenTheLargestAllowedIsOffered() throws Exception {
        TransferTicket ticket = server.offer(file(10), loopback, TTL);
        try (RawTftp device = new RawTftp("127.0.0.1", port())) {
            device.sendRequest(RRQ, ticket.fileName(), "octet", "blksize", "70000");
            DatagramPacket oack = device.receive();
            assertEquals(Map.of("blksize", "65464"), RawTftp.options(oack));
            device.send(oack.getSocketAddress(), RawTftp.ack(0));
            assertEquals(14, device.receive().getLength());
        }
    }

    // --- RFC 7440 windowsize ---

    @Test
    void givenWindowsize4_whenReading_thenFourBlocksComePerAckAndAPartialAckRestartsAfterIt() throws Exception {
        byte[] content = Files.readAllBytes(file(512 * 9 + 100));
        TransferTicket ticket = server.offer(file(512 * 9 + 100), loopback, TTL);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (RawTftp device = new RawTftp("127.0.0.1", port())) {
            device.sendRequest(RRQ, ticket.fileName(), "octet", "windowsize", "4");
            DatagramPacket oack = device.receive();
            assertEquals(Map.of("windowsize", "4"), RawTftp.options(oack));
            SocketAddress tid = oack.getSocketAddress();
            device.send(tid, RawTftp.ack(0));
            for (int block = 1; block <= 4; block++) {
                assertEquals(block, RawTftp.block(device.receive()));
            }
            // the server may probe the window's tail (block 4 again) while it waits, but never goes past it
            long quiet = System.nanoTime() + 150_000_000L;
            for (long left = 150; left > 0; left = (quiet - System.nanoTime()) / 1_000_000L) {
                DatagramPacket early = device.receive((int) left);
                if (early != null) {
                    assertEquals(4, RawTftp.block(early), "no fifth block before the window is acknowledged");
                }
            }
            // blocks 3 and 4 "lost": acknowledging 2 makes the server go on from 3
            device.send(tid, RawTftp.ack(2));
            int expected = 3;
            while (true) {
                DatagramPacket data = device.receive();
                assertEquals(expected, RawTftp.block(data));
                if (expected >= 3) {
                    received.writeBytes(RawTftp.payload(data));
                }
                if (data.getLength() - 4 < 512) {
                    device.send(tid, RawTftp.ack(expected));
                    break;
                }
                if ((expected - 2) % 4 == 0) {
                    device.send(tid, RawTftp.ack(expected));
                }
                expected++;
            }
            assertEquals(10, expected, "9 full blocks and a short one");
        }
        byte[] tail = Arrays.copyOfRange(content, 512 * 2, content.length);
        assertArrayEquals(tail, received.toByteArray());
        awaitCompleted(ticket.id());
    }

    @Test
    void givenWindowsize4_whenWriting_thenTheServerAcksEveryFourthBlockAndTheLast() throws Exception {
        byte[] content = Files.readAllBytes(file(512 * 6 + 7));
        TransferTicket ticket = server.receive(loopback, 1 << 20, TTL);
        try (RawTftp device = new RawTftp("127.0.0.1", port())) {
            device.sendRequest(WRQ, ticket.fileName(), "octet", "windowsize", "4");
            DatagramPacket oack = device.receive();
            assertEquals(Map.of("windowsize", "4"), RawTftp.options(oack));
            SocketAddress tid = oack.getSocketAddress();
            for (int block = 1; block <= 4; block++) {
                device.send(tid, RawTftp.data(block, content, (block - 1) * 512, 512));
            }
            DatagramPacket ack = device.receive();
            // a receiver that times out before the window arrives acknowledges the OACK again (block 0, RFC 7440
            // section 4); on a loaded machine that may come first and is not the window's acknowledgement
            while (RawTftp.opcode(ack) == ACK && RawTftp.block(ack) == 0) {
                ack = device.receive();
            }
            assertEquals(ACK, RawTftp.opcode(ack));
            assertEquals(4, RawTftp.block(ack));
            device.send(tid, RawTftp.data(5, content, 4 * 512, 512));
            device.send(tid, RawTftp.data(6, content, 5 * 512, 512));
            device.send(tid, RawTftp.data(7, content, 6 * 512, 7));
            assertEquals(7, RawTftp.block(device.receive()));
        }
        assertArrayEquals(content, Files.readAllBytes(awaitCompleted(ticket.id()).receivedFile()));
    }

    // --- retransmission rules ---

    @Test
    void givenADuplicateAck_whenReading_thenNothingIsResentButATimeOutResendsTheBlock() throws Exception {
        restart(Map.of("timeoutMillis", 800));
        Path file = file(1500);
        TransferTicket ticket = server.offer(file, loopback, TTL);
        try (RawTftp device = new RawTftp("127.0.0.1", port())) {
            device.sendRequest(RRQ, ticket.fileName(), "octet");
            DatagramPacket first = device.receive();
            SocketAddress tid = first.getSocketAddress();
            // a 300 ms round trip: the measured time-out reaches the configured 800 ms, so what comes
            // within the 400 ms below would answer the duplicate, not the time-out
            Thread.sleep(300);
            device.send(tid, RawTftp.ack(1));
            assertEquals(2, RawTftp.block(device.receive()));

            device.send(tid, RawTftp.ack(1)); // duplicate: must not trigger a resend of block 2
            assertNull(device.receive(400), "a duplicate ACK must not be answered (Sorcerer's Apprentice)");

            DatagramPacket resent = device.receive(2000); // silence: block 2 again after the time-out
            assertNotNull(resent);
            assertEquals(2, RawTftp.block(resent));
        }
    }

    @Test
    void givenAPacketFromAStrangePort_duringATransfer_thenItGetsError5AndTheTransferGoesOn() throws Exception {
        Path file = file(600);
        TransferTicket ticket = server.offer(file, loopback, TTL);
        try (RawTftp device = new RawTftp("127.0.0.1", port());
                RawTftp stranger = new RawTftp("127.0.0.1", port())) {
            device.sendRequest(RRQ, ticket.fileName(), "octet");
            DatagramPacket first = device.receive();
            stranger.send(first.getSocketAddress(), RawTftp.ack(1));
            assertEquals(5, RawTftp.errorCode(stranger.receive()));

            device.send(first.getSocketAddress(), RawTftp.ack(1));
            DatagramPacket second = device.receive();
            assertEquals(2, RawTftp.block(second));
            assertEquals(600 - 512, second.getLength() - 4);
            device.send(first.getSocketAddress(), RawTftp.ack(2));
        }
        assertTrue(awaitCompleted(ticket.id()).completed());
    }

    @Test
    void givenASilentDevice_whenRetriesRunOut_thenTheProgressSaysSo() throws Exception {
        TransferTicket ticket = server.offer(file(100), loopback, TTL);
        try (RawTftp device = new RawTftp("127.0.0.1", port())) {
            device.sendRequest(RRQ, ticket.fileName(), "octet");
            int copies = 0;
            while (device.receive(1000) != null) {
                copies++;
            }
            assertEquals(1 + 3, copies, "the first send plus maxRetries retransmissions");
        }
        TransferProgress progress = awaitError(ticket.id());
        assertFalse(progress.completed());
        assertTrue(progress.error().contains("no answer"), progress.error());
    }

    // --- refusals ---

    @Test
    void givenAnUnknownName_whenRequested_thenFileNotFound() throws Exception {
        server.offer(file(10), loopback, TTL);
        try (RawTftp device = new RawTftp("127.0.0.1", port())) {
            assertEquals(1, device.refusalOf(RRQ, "up-aaaaaaaaaaaaaaaaaaaa.bin"));
        }
    }

    @Test
    void givenPathNames_whenRequested_thenAccessViolation() throws Exception {
        try (RawTftp device = new RawTftp("127.0.0.1", port())) {
            assertEquals(2, device.refusalOf(RRQ, "../etc/passwd"));
            assertEquals(2, device.refusalOf(RRQ, "/etc/passwd"));
            assertEquals(2, device.refusalOf(WRQ, "..\\boot.ini"));
            assertEquals(2, device.refusalOf(RRQ, "C:boot.ini"));
        }
    }

    @Test
    void givenAReadTicket_whenTheDeviceWritesIt_thenAccessViolation() throws Exception {
        TransferTicket read = server.offer(file(10), loopback, TTL);
        TransferTicket write = server.receive(loopback, 100, TTL);
        try (RawTftp device = new RawTftp("127.0.0.1", port())) {
            assertEquals(2, device.refusalOf(WRQ, read.fileName()));
            assertEquals(2, device.refusalOf(RRQ, write.fileName()));
        }
    }

    @Test
    void givenATicketForAnotherAddress_whenRequestedFrom127002_thenAccessViolation() throws Exception {
        TransferTicket ticket = server.offer(file(10), loopback, TTL);
        try (RawTftp other = new RawTftp("127.0.0.2", port())) {
            assertEquals(2, other.refusalOf(RRQ, ticket.fileName()));
        }
    }

    @Test
    void givenATicketThatAlsoAdmitsTheDevicesTransferSource_whenRequestedFromThere_thenDataFlows() throws Exception {
        TransferTicket ticket = server.offer(file(10), loopback, Set.of(InetAddress.getByName("127.0.0.3")), TTL);
        try (RawTftp source = new RawTftp("127.0.0.3", port()); RawTftp other = new RawTftp("127.0.0.2", port())) {
            source.sendRequest(RRQ, ticket.fileName(), "octet");
            DatagramPacket first = source.receive();
            assertEquals(3, first.getData()[1], "a DATA packet, not an error");
            assertEquals(2, other.refusalOf(RRQ, ticket.fileName()));
        }
    }

    @Test
    void givenATimeoutOptionAboveTheCap_whenNegotiated_thenItIsLeftOutAndOneAtTheCapIsGranted() throws Exception {
        TransferTicket ticket = server.offer(file(10), loopback, TTL);
        try (RawTftp device = new RawTftp("127.0.0.1", port())) {
            device.sendRequest(RRQ, ticket.fileName(), "octet", "blksize", "1024", "timeout", "11");
            DatagramPacket oack = device.receive();
            assertEquals(OACK, RawTftp.opcode(oack));
            assertEquals(Map.of("blksize", "1024"), RawTftp.options(oack), "a timeout of 11 s is not granted");
        }
        TransferTicket other = server.offer(file(10), loopback, TTL);
        try (RawTftp device = new RawTftp("127.0.0.1", port())) {
            device.sendRequest(RRQ, other.fileName(), "octet", "timeout", "10");
            DatagramPacket oack = device.receive();
            assertEquals(Map.of("timeout", "10"), RawTftp.options(oack), "the cap itself is granted");
        }
    }

    @Test
    void givenAFloodOfBadRequestsFromOneSource_whenRefused_thenItsErrorsAreRationedAndOthersStillGetTheirs()
            throws Exception {
        int errors = 0;
        try (RawTftp flooder = new RawTftp("127.0.0.5", port())) {
            for (int i = 0; i < 40; i++) {
                flooder.sendRequest(RRQ, "up-unknown-" + i + ".bin", "octet");
            }
            while (flooder.receive(300) != null) {
                errors++;
            }
        }
        assertTrue(errors >= 1 && errors <= 20,
                errors + " ERRORs for 40 bad requests (10 a second, two seconds at most)");
        try (RawTftp other = new RawTftp("127.0.0.6", port())) {
            assertEquals(1, other.refusalOf(RRQ, "up-unknown.bin"), "another source still gets its ERROR");
        }
    }

    @Test
    void givenAnExpiredTicket_whenRequested_thenAccessViolationAndTheTicketIsPruned() throws Exception {
        TransferTicket ticket = server.offer(file(10), loopback, Duration.ofMillis(1));
        Thread.sleep(20);
        try (RawTftp device = new RawTftp("127.0.0.1", port())) {
            assertEquals(2, device.refusalOf(RRQ, ticket.fileName()));
            assertTrue(server.progress(ticket.id()).isEmpty());
            assertEquals(1, device.refusalOf(RRQ, ticket.fileName()));
        }
    }

    @Test
    void givenAnUploadOverTheCap_whenTheBlocksArrive_thenDiskFullAndNothingIsStaged() throws Exception {
        TransferTicket ticket = server.receive(loopback, 1000, TTL);
        byte[] content = new byte[1500];
        try (RawTftp device = new RawTftp("127.0.0.1", port())) {
            device.sendRequest(WRQ, ticket.fileName(), "octet");
            DatagramPacket ack0 = device.receive();
            assertEquals(ACK, RawTftp.opcode(ack0));
            device.send(ack0.getSocketAddress(), RawTftp.data(1, content, 0, 512));
            assertEquals(ACK, RawTftp.opcode(device.receive()));
            device.send(ack0.getSocketAddress(), RawTftp.data(2, content, 512, 512));
            assertEquals(3, RawTftp.errorCode(device.receive()));
        }
        TransferProgress progress = awaitError(ticket.id());
        assertFalse(progress.completed());
        assertTrue(progress.error().contains("cap of 1000 bytes"), progress.error());
        try (var staged = Files.list(temp.resolve("staging"))) {
            assertEquals(0, staged.count());
        }
    }

    @Test
    void givenAnAnnouncedSizeOverTheCap_whenWriting_thenDiskFullAtOnce() throws Exception {
        TransferTicket ticket = server.receive(loopback, 1000, TTL);
        try (RawTftp device = new RawTftp("127.0.0.1", port())) {
            assertEquals(3, device.refusalOf(WRQ, ticket.fileName(), "tsize", "1001"));
        }
    }

    @Test
    void givenACompletedUpload_whenWrittenAgain_thenFileExists() throws Exception {
        TransferTicket ticket = server.receive(loopback, 1000, TTL);
        upload(ticket, new byte[5]);
        assertTrue(awaitCompleted(ticket.id()).completed());
        try (RawTftp device = new RawTftp("127.0.0.1", port())) {
            assertEquals(6, device.refusalOf(WRQ, ticket.fileName()));
        }
    }

    @Test
    void givenMalformedOrNonOctetRequests_whenReceived_thenIllegalOperation() throws Exception {
        TransferTicket ticket = server.offer(file(10), loopback, TTL);
        try (RawTftp device = new RawTftp("127.0.0.1", port())) {
            device.sendRequest(RRQ, ticket.fileName(), "netascii");
            DatagramPacket netascii = device.receive();
            assertEquals(4, RawTftp.errorCode(netascii));
            assertEquals("only octet mode", RawTftp.errorMessage(netascii));

            device.sendRaw(new byte[]{0, 1, 'a', 'b', 'c'});
            assertEquals(4, RawTftp.errorCode(device.receive()));
            device.sendRaw(new byte[]{0, 1, 'a', 0, 'o', 'c', 't', 'e', 't', 0, 'b', 'l', 'k'});
            assertEquals(4, RawTftp.errorCode(device.receive()));
            device.sendRaw(new byte[]{0, 3, 0, 1, 'x'});
            assertEquals(4, RawTftp.errorCode(device.receive()));
            device.sendRaw(new byte[]{0, 5, 0, 1, 'x', 0});
            assertNull(device.receive(300), "an ERROR is never answered");
        }
    }

    @Test
    void givenAllSlotsInUse_whenAnotherRequestArrives_thenServerBusy() throws Exception {
        restart(Map.of("maxTransfers", 1, "timeoutMillis", 2000));
        TransferTicket ticket = server.offer(file(2000), loopback, TTL);
        try (RawTftp first = new RawTftp("127.0.0.1", port()); RawTftp second = new RawTftp("127.0.0.1", port())) {
            first.sendRequest(RRQ, ticket.fileName(), "octet");
            assertEquals(DATA, RawTftp.opcode(first.receive()));
            second.sendRequest(RRQ, ticket.fileName(), "octet");
            DatagramPacket busy = second.receive();
            assertEquals(0, RawTftp.errorCode(busy));
            assertEquals("server busy", RawTftp.errorMessage(busy));
        }
    }

    @Test
    void givenADeviceAtItsShareOfSlots_whenItAsksAgain_thenBusyWhileAnotherDeviceIsServed() throws Exception {
        restart(Map.of("maxTransfersPerDevice", 1, "timeoutMillis", 2000));
        TransferTicket mine = server.offer(file(2000), loopback, TTL);
        TransferTicket other = server.offer(file(3000), InetAddress.getByName("127.0.0.2"), TTL);
        try (RawTftp first = new RawTftp("127.0.0.1", port());
                RawTftp second = new RawTftp("127.0.0.1", port());
                RawTftp otherDevice = new RawTftp("127.0.0.2", port())) {
            first.sendRequest(RRQ, mine.fileName(), "octet");
            assertEquals(DATA, RawTftp.opcode(first.receive()));

            second.sendRequest(RRQ, mine.fileName(), "octet");
            DatagramPacket busy = second.receive();
            assertEquals(0, RawTftp.errorCode(busy));
            assertEquals("server busy", RawTftp.errorMessage(busy));

            otherDevice.sendRequest(RRQ, other.fileName(), "octet");
            assertEquals(DATA, RawTftp.opcode(otherDevice.receive()), "another device still gets a slot");
        }
    }

    @Test
    void givenAnUploadThatOnlyDallies_whenTheDeviceAsksForMore_thenItIsNotCountedAgainstItsShare() throws Exception {
        restart(Map.of("maxTransfersPerDevice", 1, "timeoutMillis", 3000));
        TransferTicket backup = server.receive(loopback, 1000, TTL);
        TransferTicket image = server.offer(file(700), loopback, TTL);
        upload(backup, new byte[100]);
        assertEquals(1, server.activeTransfers(), "the upload dallies for one time-out (RFC 1350)");
        try (RawTftp device = new RawTftp("127.0.0.1", port())) {
            device.sendRequest(RRQ, image.fileName(), "octet");
            assertEquals(DATA, RawTftp.opcode(device.receive()), "not refused as busy");
        }
    }

    @Test
    void givenAnUploadThatIsStoredAndDallying_whenAnotherRequestArrives_thenItsSlotServesIt() throws Exception {
        restart(Map.of("maxTransfers", 1, "timeoutMillis", 2000));
        TransferTicket upload = server.receive(loopback, 1 << 20, TTL);
        TransferTicket download = server.offer(file(2000), loopback, TTL);
        try (RawTftp first = new RawTftp("127.0.0.1", port()); RawTftp second = new RawTftp("127.0.0.1", port())) {
            first.sendRequest(WRQ, upload.fileName(), "octet");
            DatagramPacket ack0 = first.receive();
            first.send(ack0.getSocketAddress(), RawTftp.data(1, new byte[100], 0, 100));
            assertEquals(1, RawTftp.block(first.receive()), "the last block is acknowledged; the server dallies 2 s");
            assertTrue(awaitCompleted(upload.id()).completed());

            second.sendRequest(RRQ, download.fileName(), "octet");
            DatagramPacket answer = second.receive();
            assertEquals(DATA, RawTftp.opcode(answer), "not refused as busy");
            first.send(ack0.getSocketAddress(), RawTftp.data(1, new byte[100], 0, 100));
            assertEquals(1, RawTftp.block(first.receive()),
                    "a repeated last block is still acknowledged while dallying");
        }
    }

    // --- tickets ---

    @Test
    void givenAStagedUpload_whenTheTicketIsClosed_thenTheFileAndTheTicketAreGone() throws Exception {
        TransferTicket ticket = server.receive(loopback, 1000, TTL);
        upload(ticket, new byte[5]);
        Path received = awaitCompleted(ticket.id()).receivedFile();
        assertTrue(Files.exists(received));

        server.close(ticket.id());
        server.close("no-such-ticket");

        assertFalse(Files.exists(received));
        assertTrue(server.progress(ticket.id()).isEmpty());
        try (RawTftp device = new RawTftp("127.0.0.1", port())) {
            assertEquals(1, device.refusalOf(WRQ, ticket.fileName()));
        }
    }

    @Test
    void givenTicketRequests_whenInvalid_thenRefusedAndCapsAreClampedToTheServerLimit() throws Exception {
        assertThrows(RepositoryException.class, () -> server.offer(temp.resolve("missing"), loopback, TTL));
        assertThrows(RepositoryException.class, () -> server.offer(file(1), loopback, Duration.ZERO));
        assertThrows(RepositoryException.class, () -> server.receive(loopback, 0, TTL));
        assertEquals(16L * 1024 * 1024, server.receive(loopback, Long.MAX_VALUE, TTL).maxBytes());
        TransferTicket a = server.offer(file(1), loopback, TTL);
        TransferTicket b = server.offer(file(1), loopback, TTL);
        assertTrue(a.fileName().matches("up-[a-z2-7]{20}\\.bin"), a.fileName());
        assertFalse(a.fileName().equals(b.fileName()));
        assertFalse(a.id().equals(b.id()));
    }

    @Test
    void givenAnAdvertisedAddress_whenAskedForEndpoints_thenBothProtocolsReportIt() throws Exception {
        restart(Map.of("advertisedAddress", "192.0.2.10"));
        Endpoint endpoint = server.endpoint(TransferProtocol.TFTP);
        assertEquals(new Endpoint(TransferProtocol.TFTP, "192.0.2.10", port()), endpoint);
        assertTrue(endpoint.port() > 0);
        Endpoint ftp = server.endpoint(TransferProtocol.FTP);
        assertEquals("192.0.2.10", ftp.host());
        assertTrue(ftp.port() > 0);
    }

    @Test
    void givenFtpDisabled_whenAskedForItsEndpoint_thenItIsRefusedWithTheSetting() throws Exception {
        restart(Map.of("ftpEnabled", false));
        RepositoryException e = assertThrows(RepositoryException.class,
                () -> server.endpoint(TransferProtocol.FTP));
        assertTrue(e.getMessage().contains("ftpEnabled"), e.getMessage());
    }

    @Test
    void givenABadConfiguration_whenActivated_thenTheMessageNamesThePidAndTheProblem() throws Exception {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> start(Map.of("maxTransfers", 0)));
        assertTrue(bad.getMessage().contains("org.uplift.tftp: maxTransfers must be at least 1"), bad.getMessage());
        bad = assertThrows(IllegalArgumentException.class, () -> start(Map.of("maxTransfersPerDevice", 0)));
        assertTrue(bad.getMessage().contains("org.uplift.tftp: maxTransfersPerDevice must be at least 1"),
                bad.getMessage());
        bad = assertThrows(IllegalArgumentException.class, () -> start(Map.of("ftpMaxConnectionsPerAddress", 0)));
        assertTrue(bad.getMessage().contains("ftpMaxConnectionsPerAddress must be at least 1 (got 0)"),
                bad.getMessage());
        bad = assertThrows(IllegalArgumentException.class, () -> start(Map.of("ftpLoginSeconds", 0)));
        assertTrue(bad.getMessage().contains("ftpLoginSeconds must be at least 1 (got 0)"), bad.getMessage());
        IOException taken = assertThrows(IOException.class, () -> start(Map.of("port", port())));
        assertTrue(taken.getMessage().contains("cannot listen for TFTP on 127.0.0.1:" + port()), taken.getMessage());
    }

    @Test
    void givenARunningTransfer_whenDeactivated_thenEverySocketAndThreadIsReleased() throws Exception {
        TransferTicket ticket = server.offer(file(2000), loopback, TTL);
        int port = port();
        try (RawTftp device = new RawTftp("127.0.0.1", port)) {
            device.sendRequest(RRQ, ticket.fileName(), "octet");
            assertEquals(DATA, RawTftp.opcode(device.receive()));
        }

        server.deactivate();

        for (int i = 0; i < 100 && serverThreads() > 0; i++) {
            Thread.sleep(20);
        }
        assertEquals(0, serverThreads());
        try (DatagramSocket rebound = new DatagramSocket(new InetSocketAddress(loopback, port))) {
            assertTrue(rebound.isBound(), "the listening port is free again");
        }
        server = start(Map.of()); // for @AfterEach
    }

    private static long serverThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("uplift-tftp") && t.isAlive()).count();
    }
}
