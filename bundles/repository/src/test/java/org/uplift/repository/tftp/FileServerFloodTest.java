package org.uplift.repository.tftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.uplift.api.repository.FtpCredentials;
import org.uplift.api.repository.TransferProgress;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.repository.TransferTicket;
import org.uplift.repository.testing.Configs;

/**
 * Issue 8, item 4: the TFTP and FTP servers under a bounded flood of bad and half-open requests from
 * 127.0.0.1 (and uploads that never send data from 127.0.0.4) keep serving ticketed transfers to other devices (127.0.0.2 over TFTP, 127.0.0.3 over
 * FTP); their threads stay under a fixed cap and return to the baseline; half-open transfers and
 * connections are reclaimed; no ticket is created or honoured for anyone else. The limits are set
 * low here so that the flood reaches them: without {@code maxTransfersPerDevice},
 * {@code ftpMaxConnectionsPerAddress} or {@code ftpLoginSeconds} this test fails.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FileServerFloodTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final int MAX_TRANSFERS = 16;
    private static final int PER_DEVICE = 4;
    private static final int TIMEOUT_MILLIS = 300;
    private static final int RETRIES = 2;
    private static final int FTP_MAX = 16;
    private static final int FTP_PER_ADDRESS = 6;
    private static final int FTP_LOGIN_SECONDS = 2;
    private static final int FTP_IDLE_SECONDS = 3;
    /** Generous: a lone 4 MiB TFTP download with 512-byte blocks takes about a second here. */
    private static final long LEGIT_BOUND_SECONDS = 25;

    @TempDir
    Path temp;

    private TftpFileServer server;
    private final List<AutoCloseable> cleanUp = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : cleanUp) {
            c.close();
        }
        if (server != null) {
            server.deactivate();
        }
    }

    @Test
    void givenAFloodFromOneAddress_whenOtherDevicesTransfer_thenTheyAreServedAndEverythingTheFloodHeldIsReclaimed()
            throws Exception {
        InetAddress flooder = InetAddress.getByName("127.0.0.1");
        InetAddress writeFlooder = InetAddress.getByName("127.0.0.4");
        InetAddress tftpDevice = InetAddress.getByName("127.0.0.2");
        InetAddress ftpDevice = InetAddress.getByName("127.0.0.3");
        // transfer threads: one per slot, and one more per slot for uploads that dally after freeing theirs
        int threadCap = 1 + 2 * MAX_TRANSFERS + Math.max(4, Math.min(FTP_MAX, 32)) + 1
                + Runtime.getRuntime().availableProcessors() + 1;

        // servers of earlier tests in this JVM may still be winding down
        await(10_000, () -> ServerThreads.count() == 0);
        int baselineThreads = ServerThreads.count();
        server = new TftpFileServer(Configs.of(TftpFileServer.Config.class, Map.ofEntries(
                Map.entry("port", 0), Map.entry("ftpPort", 0), Map.entry("httpPort", 0),
                Map.entry("stagingDirectory", temp.resolve("staging").toString()),
                Map.entry("timeoutMillis", TIMEOUT_MILLIS), Map.entry("maxRetries", RETRIES),
                Map.entry("maxTransfers", MAX_TRANSFERS), Map.entry("maxTransfersPerDevice", PER_DEVICE),
                Map.entry("ftpMaxLogins", FTP_MAX), Map.entry("ftpMaxConnectionsPerAddress", FTP_PER_ADDRESS),
                Map.entry("ftpLoginSeconds", FTP_LOGIN_SECONDS), Map.entry("ftpIdleSeconds", FTP_IDLE_SECONDS),
                // every kind of refusal is counted below; the ERROR ration per source has its own test
                Map.entry("errorsPerSourcePerSecond", 1_000_000))));
        int tftpPort = server.endpoint(TransferProtocol.TFTP).port();
        int ftpPort = server.endpoint(TransferProtocol.FTP).port();
        int serverThreads = ServerThreads.count() - baselineThreads;

        byte[] image = random(4 << 20, 1);
        byte[] backup = random(1 << 20, 2);
        byte[] ftpImage = random(4 << 20, 3);
        byte[] ftpBackup = random(1 << 20, 4);
        TransferTicket tftpRead = server.offer(write("image.bin", image), tftpDevice, TTL);
        TransferTicket tftpWrite = server.receive(tftpDevice, 2 << 20, TTL);
        TransferTicket ftpRead = server.offer(write("ftp-image.bin", ftpImage), ftpDevice, TTL);
        TransferTicket ftpWrite = server.receive(ftpDevice, 2 << 20, TTL);
        TransferTicket floodRead = server.offer(write("flood.bin", random(1 << 20, 5)), flooder, TTL);
        TransferTicket floodWrite = server.receive(writeFlooder, 1 << 20, TTL);
        FtpCredentials ftpReadLogin = server.ftpCredentials(ftpRead.id()).orElseThrow();
        FtpCredentials ftpWriteLogin = server.ftpCredentials(ftpWrite.id()).orElseThrow();
        FtpCredentials floodLogin = server.ftpCredentials(floodRead.id()).orElseThrow();
        assertEquals(6, server.ticketCount());

        Sampler sampler = new Sampler(server);
        TftpFlood tftpFlood = new TftpFlood(flooder, writeFlooder, tftpPort, floodRead.fileName(),
                floodWrite.fileName(),
                server::transferPorts);
        cleanUp.add(tftpFlood::close);
        FtpFlood ftpFlood = new FtpFlood(flooder, ftpPort, ftpReadLogin.user(), floodLogin.user(),
                floodLogin.password());
        cleanUp.add(ftpFlood::close);
        ExecutorService threads = Executors.newCachedThreadPool(named());
        cleanUp.add(threads::shutdownNow);
        cleanUp.add(sampler::stop);

        long floodDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Future<?> tftpFlooding = threads.submit(() -> {
            tftpFlood.run(40, 100, floodDeadline);
            return null;
        });
        Future<?> ftpFlooding = threads.submit(() -> {
            ftpFlood.run(30, 150, floodDeadline);
            return null;
        });
        Thread.sleep(500);

        // --- the other devices transfer while the flood runs ---
        long legitStart = System.nanoTime();
        // the transfers must start inside the flood (on a loaded machine they may outlast its 10 s)
        boolean floodRunningAtStart = !(tftpFlooding.isDone() && ftpFlooding.isDone());
        Future<byte[]> tftpDown = threads.submit(() -> LegitTransfers.tftpDownload(tftpDevice, tftpPort,
                tftpRead.fileName()));
        Future<?> tftpUp = threads.submit(() -> {
            LegitTransfers.tftpUpload(tftpDevice, tftpPort, tftpWrite.fileName(), backup);
            return null;
        });
        Future<byte[]> ftpDown = threads.submit(() -> LegitTransfers.ftpDownload(ftpDevice, ftpPort,
                ftpReadLogin.user(), ftpReadLogin.password(), ftpRead.fileName()));
        Future<?> ftpUp = threads.submit(() -> {
            LegitTransfers.ftpUpload(ftpDevice, ftpPort, ftpWriteLogin.user(), ftpWriteLogin.password(),
                    ftpWrite.fileName(), ftpBackup);
            return null;
        });
        assertArrayEquals(image, tftpDown.get(LEGIT_BOUND_SECONDS, TimeUnit.SECONDS), "TFTP download");
        tftpUp.get(LEGIT_BOUND_SECONDS, TimeUnit.SECONDS);
        assertArrayEquals(ftpImage, ftpDown.get(LEGIT_BOUND_SECONDS, TimeUnit.SECONDS), "FTP download");
        ftpUp.get(LEGIT_BOUND_SECONDS, TimeUnit.SECONDS);
        double legitSeconds = (System.nanoTime() - legitStart) / 1e9;
        assertTrue(floodRunningAtStart, "the flood ran while the devices transferred");
        assertArrayEquals(backup, Files.readAllBytes(completed(tftpWrite).receivedFile()), "TFTP upload");
        assertArrayEquals(ftpBackup, Files.readAllBytes(completed(ftpWrite).receivedFile()), "FTP upload");

        tftpFlooding.get(20, TimeUnit.SECONDS);
        ftpFlooding.get(20, TimeUnit.SECONDS);
        long floodEnd = System.nanoTime();

        // --- what the flood held is reclaimed by the servers' time-outs ---
        long halfOpenBound = TIMEOUT_MILLIS * (RETRIES + 1L) + 2000;
        assertTrue(await(halfOpenBound, () -> server.activeTransfers() == 0),
                "half-open TFTP transfers reclaimed within " + halfOpenBound + " ms, still "
                        + server.activeTransfers());
        long ftpBound = (FTP_IDLE_SECONDS + 2) * 1000L;
        assertTrue(await(ftpBound, () -> ftpFlood.read() && server.ftpConnections() == 0),
                "every flood connection closed by the server within " + ftpBound + " ms: server holds "
                        + server.ftpConnections() + ", flooder sees " + ftpFlood.stillOpen() + " open");
        // idle threads leave 5 s after their last work
        assertTrue(await(10_000, () -> ServerThreads.count() - baselineThreads <= serverThreads),
                "server threads back to " + serverThreads + " after the flood: " + ServerThreads.byKind());
        double reclaimSeconds = (System.nanoTime() - floodEnd) / 1e9;
        sampler.stop();

        // --- bounded while it lasted ---
        assertTrue(sampler.peakThreads - baselineThreads <= threadCap,
                "server threads peaked at " + (sampler.peakThreads - baselineThreads) + ", cap " + threadCap);
        assertTrue(sampler.sawFtpWorkers, "MINA's FTP workers are named uplift-ftp-worker-N, so they are counted");
        assertTrue(sampler.peakTransfers <= MAX_TRANSFERS, "transfers peaked at " + sampler.peakTransfers);
        assertTrue(sampler.peakFtpConnections <= FTP_MAX, "FTP connections peaked at " + sampler.peakFtpConnections);
        assertTrue(sampler.peakTransfers > 0 && tftpFlood.busyRefusals > 0,
                "the flood reached the per-device limit (busy refusals: " + tftpFlood.busyRefusals + ")");
        assertTrue(ftpFlood.replies(FtpFlood.Kind.SILENT, 421) > 0, "the flood reached the per-address FTP limit");

        // --- nothing honoured that no ticket allows; stale ACKs are not answered ---
        assertEquals(6, server.ticketCount(), "no ticket created or lost");
        assertEquals(Set.of(RawTftp.ERROR), tftpFlood.bogusRepliesByOpcode.keySet(),
                "requests naming no ticket, garbage and strangers get ERROR only: " + tftpFlood.bogusRepliesByOpcode);
        assertTrue(tftpFlood.errorCodes.getOrDefault(1, 0L) > 0, "unknown names: file not found");
        assertTrue(tftpFlood.errorCodes.getOrDefault(4, 0L) > 0, "malformed packets: illegal operation");
        assertTrue(tftpFlood.errorCodes.getOrDefault(5, 0L) > 0, "strangers at live transfers: unknown TID");
        assertFalse(tftpFlood.transfers.isEmpty(), "the flooder's own tickets gave it half-open transfers");
        // a server answering stale duplicate ACKs would resend at once, again and again (Sorcerer's Apprentice);
        // twice the time-out bound leaves room for a transfer port the OS handed out twice
        assertTrue(tftpFlood.maxDataPerTransfer(false) <= 2 * (RETRIES + 1),
                "DATA per half-open transfer: " + tftpFlood.maxDataPerTransfer(false));
        assertTrue(tftpFlood.maxDataPerTransfer(true) <= 2 * 16 * (RETRIES + 1),
                "DATA per half-open windowed transfer: " + tftpFlood.maxDataPerTransfer(true));
        assertTrue(tftpFlood.writeAcks > 0, "uploads that never send data were started");
        assertFalse(server.progress(floodWrite.id()).orElseThrow().completed(), "nothing arrived for the flooder");
        assertEquals(0, ftpFlood.replies(FtpFlood.Kind.GUESS, 230) + ftpFlood.replies(FtpFlood.Kind.HALF_LINE, 230),
                "no guessed login succeeded");
        assertTrue(ftpFlood.replies(FtpFlood.Kind.GUESS, 530) > 0, "guesses were refused 530");
        assertTrue(ftpFlood.replies(FtpFlood.Kind.PASV, 227) > 0, "PASV without a transfer happened");
        assertTrue(ftpFlood.replies(FtpFlood.Kind.DRIBBLE, 220) > 0, "a connection dribbling a line got in");
        try (Stream<Path> staged = Files.list(temp.resolve("staging"))) {
            assertEquals(List.of(tftpWrite.fileName(), ftpWrite.fileName()).stream().sorted().toList(),
                    staged.map(p -> p.getFileName().toString()).sorted().toList(), "only the devices' uploads");
        }

        System.out.printf("flood: TFTP %d packets in %d rounds (%d not sent: buffer full), %d replies %s;"
                + " FTP %d connections in %d rounds, replies %s; legit transfers %.1f s (TFTP requests repeated: %d);"
                + " peaks: %d server threads (cap %d), %d transfers, %d FTP connections;"
                + " reclaimed in %.1f s%n",
                tftpFlood.sent, tftpFlood.rounds, tftpFlood.dropped, tftpFlood.replies, tftpFlood.errorCodes,
                ftpFlood.connections, ftpFlood.rounds, ftpFlood.replies, legitSeconds,
                LegitTransfers.REQUESTS_REPEATED.get(),
                sampler.peakThreads - baselineThreads, threadCap, sampler.peakTransfers, sampler.peakFtpConnections,
                reclaimSeconds);
    }

    private TransferProgress completed(TransferTicket ticket) throws InterruptedException {
        assertTrue(await(5000, () -> server.progress(ticket.id()).orElseThrow().completed()),
                "upload completed: " + server.progress(ticket.id()));
        return server.progress(ticket.id()).orElseThrow();
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(temp.resolve(name), content);
    }

    private static byte[] random(int size, long seed) {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        return content;
    }

    private static boolean await(long millis, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(50);
        }
        return condition.getAsBoolean();
    }

    private static ThreadFactory named() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "flood-test-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Samples the servers' threads and state every 20 ms. */
    private static final class Sampler {
        private final Thread thread;
        private volatile boolean running = true;
        volatile int peakThreads;
        volatile int peakTransfers;
        volatile int peakFtpConnections;
        volatile boolean sawFtpWorkers;

        Sampler(TftpFileServer server) {
            thread = new Thread(() -> {
                while (running) {
                    peakThreads = Math.max(peakThreads, ServerThreads.count());
                    peakTransfers = Math.max(peakTransfers, server.activeTransfers());
                    peakFtpConnections = Math.max(peakFtpConnections, server.ftpConnections());
                    if (!sawFtpWorkers) {
                        sawFtpWorkers = ServerThreads.byKind().containsKey("uplift-ftp-worker");
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "flood-test-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(1000);
        }
    }
}
