package org.uplift.repository.tftp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.uplift.api.repository.FtpCredentials;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.repository.TransferTicket;
import org.uplift.repository.testing.Configs;

/**
 * Uplift's TFTP and FTP servers in a JVM of their own for {@link FloodBench} (run by
 * {@code bench/flood-bench.sh}), so heap and threads are the servers' alone. Production defaults
 * unless {@code -Dflood.<setting>=<int>} overrides one. Prints {@code READY <tftp port> <ftp port>},
 * then a {@code STATS} line every 200 ms; reads commands on stdin: {@code TICKET <role> <read|write>
 * <device> [MiB]} answers {@code TICKET <role> <file> <ftp user> <ftp password>} (the passwords go
 * over the pipe to the bench client only), {@code GC} answers {@code GC <heap used after a full
 * collection>}, {@code STOP} prints {@code PEAK_HEAP <bytes>} and exits. Not a test.
 */
public final class FloodBenchServer {

    private static final String[] SETTINGS = {"maxTransfers", "maxTransfersPerDevice", "timeoutMillis", "maxRetries",
            "ftpMaxLogins", "ftpMaxConnectionsPerAddress", "ftpLoginSeconds", "ftpIdleSeconds"};

    private FloodBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("uplift-flood-bench");
        Map<String, Object> config = new HashMap<>(Map.of("port", 0, "ftpPort", 0, "httpPort", 0, "stagingDirectory",
                work.resolve("staging").toString()));
        for (String setting : SETTINGS) {
            String value = System.getProperty("flood." + setting);
            if (value != null) {
                config.put(setting, Integer.parseInt(value));
            }
        }
        int baseline = ServerThreads.count();
        TftpFileServer server = new TftpFileServer(Configs.of(TftpFileServer.Config.class, config));
        TftpFileServer.Config effective = Configs.of(TftpFileServer.Config.class, config);
        System.out.println("READY " + server.endpoint(TransferProtocol.TFTP).port() + " "
                + server.endpoint(TransferProtocol.FTP).port() + " " + baseline + " "
                + (ServerThreads.count() - baseline));
        System.out.println("SETTINGS maxTransfers=" + effective.maxTransfers() + " maxTransfersPerDevice="
                + effective.maxTransfersPerDevice() + " timeoutMillis=" + effective.timeoutMillis() + " maxRetries="
                + effective.maxRetries() + " ftpMaxLogins=" + effective.ftpMaxLogins() + " ftpMaxConnectionsPerAddress="
                + effective.ftpMaxConnectionsPerAddress() + " ftpLoginSeconds=" + effective.ftpLoginSeconds()
                + " ftpIdleSeconds=" + effective.ftpIdleSeconds());
        // listener, transfers, FTP workers (as TicketFtpServer sizes them), login deadline, MINA's I/O threads
        System.out
                .println("THREAD_CAP " + (1 + effective.maxTransfers() + Math.max(4, Math.min(effective.ftpMaxLogins(),
                        32)) + 1 + Runtime.getRuntime().availableProcessors() + 1));
        System.out.flush();

        Thread stats = new Thread(() -> printStats(server), "bench-stats");
        stats.setDaemon(true);
        stats.start();

        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        int files = 0;
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            String[] words = line.trim().split(" ");
            switch (words[0]) {
                case "TICKET" -> {
                    InetAddress device = InetAddress.getByName(words[3]);
                    TransferTicket ticket = words[2].equals("read")
                            ? server.offer(file(work.resolve("file-" + ++files), Integer.parseInt(words[4])), device,
                                    Duration.ofHours(2))
                            : server.receive(device, 64L << 20, Duration.ofHours(2));
                    FtpCredentials login = server.ftpCredentials(ticket.id()).orElseThrow();
                    answer("TICKET " + words[1] + " " + ticket.fileName() + " " + login.user() + " "
                            + login.password());
                }
                case "GC" -> {
                    System.gc();
                    answer("GC " + heapUsed());
                }
                case "STOP" -> {
                    server.deactivate();
                    deleteTree(work);
                    answer("PEAK_HEAP " + peakHeap());
                    return;
                }
                default -> answer("ERROR unknown command " + words[0]);
            }
        }
    }

    private static synchronized void answer(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void printStats(TftpFileServer server) {
        while (true) {
            List<Integer> ports = server.transferPorts();
            answer("STATS " + System.nanoTime() / 1_000_000 + " threads=" + ServerThreads.count() + " heap="
                    + heapUsed()
                    + " transfers=" + server.activeTransfers() + " ftp=" + server.ftpConnections() + " ports="
                    + ports.stream().map(String::valueOf).collect(Collectors.joining(",")));
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static Path file(Path path, int mib) throws IOException {
        byte[] content = new byte[mib << 20];
        new Random(mib).nextBytes(content);
        return Files.write(path, content);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Sum of the heap pools' peaks: an upper bound of what was ever held at once. */
    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
