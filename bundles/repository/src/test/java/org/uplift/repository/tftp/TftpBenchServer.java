package org.uplift.repository.tftp;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.repository.TransferTicket;
import org.uplift.repository.testing.Configs;

/**
 * Uplift's TFTP server on its own for {@code bench/tftp-bench.sh}: serves a file under a read ticket
 * to 127.0.0.1, prints {@code PORT <port>} and {@code NAME <file name>}, and on exit (SIGTERM)
 * prints {@code PEAK_HEAP_MIB <n>}, the JVM's peak heap use. Arguments: the file, optionally the port
 * (0 for a free one), then more files, each printed as {@code FILE <path> <ticket's file name>}. Not a
 * test; run by the script only.
 */
public final class TftpBenchServer {

    private TftpBenchServer() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Path staging = Files.createTempDirectory("uplift-bench-staging");
        TftpFileServer server = new TftpFileServer(Configs.of(TftpFileServer.Config.class, Map.of(
                "port", args.length > 1 ? Integer.parseInt(args[1]) : 0, "ftpEnabled", false, "httpEnabled", false,
                "stagingDirectory", staging.toString(), "maxTransfers", 64, "timeoutMillis", 1000,
                // every bench client sends from 127.0.0.1: the per-device share (4) would refuse most of them
                "maxTransfersPerDevice", 64)));
        TransferTicket ticket = server.offer(file, InetAddress.getByName("127.0.0.1"), Duration.ofHours(2));
        for (int i = 2; i < args.length; i++) {
            TransferTicket more = server.offer(Path.of(args[i]), InetAddress.getByName("127.0.0.1"),
                    Duration.ofHours(2));
            System.out.println("FILE " + args[i] + " " + more.fileName());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.deactivate();
            System.out.println("PEAK_HEAP_MIB " + peakHeapBytes() / (1024 * 1024));
            System.out.flush();
        }));
        System.out.println("PORT " + server.endpoint(TransferProtocol.TFTP).port());
        System.out.println("NAME " + ticket.fileName());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** Sum of the heap pools' peaks: an upper bound of what the transfers ever held at once. */
    private static long peakHeapBytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
