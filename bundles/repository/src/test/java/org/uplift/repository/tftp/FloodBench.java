package org.uplift.repository.tftp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;

/**
 * The flood benchmark run by {@code bench/flood-bench.sh} (figures printed, nothing asserted): starts
 * {@link FloodBenchServer} in its own JVM, times the devices' transfers (TFTP from 127.0.0.2, FTP from
 * 127.0.0.3) without a flood, then again and again while {@link TftpFlood} and {@link FtpFlood} flood
 * from 127.0.0.1 (uploads that never send data from 127.0.0.4) for a bounded time, and reports what was
 * sent, the transfer rates, the servers' peak threads and heap, and how soon the half-open state was
 * reclaimed. Not a test.
 *
 * <p>Arguments: flood seconds, image MiB, TFTP pause ms, FTP pause ms, then the server JVM's options.
 */
public final class FloodBench {

    private static final InetAddress FLOODER = address("127.0.0.1");
    private static final InetAddress WRITE_FLOODER = address("127.0.0.4");
    private static final InetAddress TFTP_DEVICE = address("127.0.0.2");
    private static final InetAddress FTP_DEVICE = address("127.0.0.3");
    private static final int BACKUP_MIB = 2;
    private static final long RECLAIM_BOUND_MILLIS = 90_000;

    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private volatile String stats = "";
    private volatile boolean sampling;
    private volatile long peakThreads;
    private volatile long peakHeap;
    private volatile long peakTransfers;
    private volatile long peakFtp;
    private PrintWriter commands;
    private int tftpPort;
    private int ftpPort;
    private int baselineThreads;
    private int threadCap;
    private String settings = "";

    private FloodBench() {
    }

    public static void main(String[] args) throws Exception {
        new FloodBench().run(Integer.parseInt(args[0]), Integer.parseInt(args[1]), Long.parseLong(args[2]),
                Long.parseLong(args[3]), Arrays.copyOfRange(args, 4, args.length));
    }

    private void run(int floodSeconds, int imageMib, long tftpPause, long ftpPause, String[] jvmOptions)
            throws Exception {
        Process server = startServer(jvmOptions);
        try {
            bench(floodSeconds, imageMib, tftpPause, ftpPause);
        } finally {
            commands.println("STOP");
            commands.flush();
            String peak = answer("PEAK_HEAP");
            System.out.printf("peak heap (sum of the heap pools' peaks, garbage included): %s%n",
                    peak == null ? "n/a" : mib(Long.parseLong(peak.split(" ")[1])));
            server.waitFor(10, TimeUnit.SECONDS);
            server.destroyForcibly();
        }
    }

    private void bench(int floodSeconds, int imageMib, long tftpPause, long ftpPause) throws Exception {
        Ticket image = ticket("tftp-image", "read", TFTP_DEVICE, imageMib);
        Ticket ftpImage = ticket("ftp-image", "read", FTP_DEVICE, imageMib);
        Ticket floodRead = ticket("flood-read", "read", FLOODER, 1);
        Ticket floodWrite = ticket("flood-write", "write", WRITE_FLOODER, 0);
        Ticket victim = ticket("victim", "read", FTP_DEVICE, 1);
        byte[] backup = new byte[BACKUP_MIB << 20];
        new Random(1).nextBytes(backup);
        System.out.printf(
                "%n== Uplift TFTP/FTP flood bench: %d s flood on loopback, %d MiB images, %d MiB backups ==%n",
                floodSeconds, imageMib, BACKUP_MIB);
        System.out.println("server " + settings + " (others at their defaults)");

        legitRound(image, ftpImage, backup, new Rates()); // warm-up, not counted
        Rates quiet = new Rates();
        long gcBefore = gcHeap();
        for (int i = 0; i < 3; i++) {
            legitRound(image, ftpImage, backup, quiet);
        }

        ExecutorService threads = Executors.newCachedThreadPool();
        TftpFlood tftpFlood = new TftpFlood(FLOODER, WRITE_FLOODER, tftpPort, floodRead.name, floodWrite.name,
                this::livePorts);
        FtpFlood ftpFlood = new FtpFlood(FLOODER, ftpPort, victim.user, floodRead.user, floodRead.password);
        long dropsBefore = KernelDrops.of(tftpPort);
        int repeatsBefore = LegitTransfers.REQUESTS_REPEATED.get();
        int writesBefore = LegitTransfers.WRITES_REPEATED.get();
        long floodStart = System.nanoTime();
        long deadline = floodStart + TimeUnit.SECONDS.toNanos(floodSeconds);
        sampling = true;
        Future<?> tftp = threads.submit(() -> {
            tftpFlood.run(Integer.MAX_VALUE, tftpPause, deadline);
            return null;
        });
        Future<?> ftp = threads.submit(() -> {
            ftpFlood.run(Integer.MAX_VALUE, ftpPause, deadline);
            return null;
        });
        ListenerProbe probe = new ListenerProbe(tftpPort, deadline);
        Future<?> probing = threads.submit(() -> {
            probe.run();
            return null;
        });
        Rates flooded = new Rates();
        Thread.sleep(1000);
        while (System.nanoTime() < deadline - TimeUnit.SECONDS.toNanos(2)) {
            legitRound(image, ftpImage, backup, flooded);
        }
        tftp.get();
        ftp.get();
        probing.get();
        long floodEnd = System.nanoTime();
        double floodSecondsActual = (floodEnd - floodStart) / 1e9;
        long drops = KernelDrops.of(tftpPort) - dropsBefore;
        Stats atEnd = Stats.parse(stats);
        long gcAtEnd = gcHeap();

        long halfOpenGone = awaitStat(s -> s == 0, "transfers");
        long ftpGone = awaitFtpClosed(ftpFlood);
        long threadsBack = awaitStat(t -> t <= baselineThreads, "threads");
        sampling = false;
        tftpFlood.close();
        ftpFlood.close();
        threads.shutdownNow();

        System.out.printf(Locale.ROOT, "flood sent: TFTP %,d datagrams in %.1f s (%,.0f/s; %,d more not sent, socket"
                + " buffer full), %,d answers read %s; FTP %,d connections (%,.0f/s), %,d closed by the server,"
                + " replies %s%n",
                tftpFlood.sent, floodSecondsActual, tftpFlood.sent / floodSecondsActual, tftpFlood.dropped,
                tftpFlood.replies, tftpFlood.errorCodes, ftpFlood.connections,
                ftpFlood.connections / floodSecondsActual,
                ftpFlood.closedByServer, ftpFlood.replies);
        System.out.printf("listening socket: %s datagrams dropped by the kernel (buffer full) during the flood%n",
                drops < 0 ? "n/a" : String.format(Locale.ROOT, "%,d", drops));
        System.out.println(probe.report());
        System.out.printf("%-26s %18s %18s%n", "device transfer (MB/s)", "without flood", "during flood");
        quiet.print(flooded);
        System.out.printf("device transfer rounds: %d without, %d during the flood; TFTP requests the devices had to"
                + " send again (no answer within 2 s): %d, of them write requests: %d%n", quiet.rounds, flooded.rounds,
                LegitTransfers.REQUESTS_REPEATED.get() - repeatsBefore,
                LegitTransfers.WRITES_REPEATED.get() - writesBefore);
        System.out.printf("server threads: %d before, peak %d during the flood (cap %d), back to %d %s%n",
                baselineThreads, peakThreads, threadCap, baselineThreads, seconds(threadsBack, floodEnd));
        System.out.printf("heap used: %s after GC before the flood, peak seen %s during it, %s after GC at its end%n",
                mib(gcBefore), mib(peakHeap), mib(gcAtEnd));
        System.out.printf("half-open TFTP transfers: peak %d, %d at the flood's end, 0 %s%n", peakTransfers,
                atEnd.transfers, seconds(halfOpenGone, floodEnd));
        System.out.printf("FTP connections: peak %d, %d at the flood's end, 0 (and every flood connection closed by"
                + " the server) %s%n", peakFtp, atEnd.ftp, seconds(ftpGone, floodEnd));
    }

    private static String seconds(long at, long from) {
        return at < 0 ? "NOT within " + RECLAIM_BOUND_MILLIS / 1000 + " s"
                : String.format(Locale.ROOT, "%.1f s after it", (at - from) / 1e9);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    /** One TFTP download and upload from 127.0.0.2 and one FTP download and upload from 127.0.0.3, concurrently. */
    private void legitRound(Ticket image, Ticket ftpImage, byte[] backup, Rates rates) throws Exception {
        Ticket tftpBackup = ticket("tftp-backup", "write", TFTP_DEVICE, 0);
        Ticket ftpBackup = ticket("ftp-backup", "write", FTP_DEVICE, 0);
        ExecutorService devices = Executors.newFixedThreadPool(4);
        try {
            Future<Double> tftpDown = devices.submit(() -> timed(() -> LegitTransfers.tftpDownload(TFTP_DEVICE,
                    tftpPort, image.name).length));
            Future<Double> tftpUp = devices.submit(() -> timed(() -> {
                LegitTransfers.tftpUpload(TFTP_DEVICE, tftpPort, tftpBackup.name, backup);
                return backup.length;
            }));
            Future<Double> ftpDown = devices.submit(() -> timed(() -> LegitTransfers.ftpDownload(FTP_DEVICE, ftpPort,
                    ftpImage.user, ftpImage.password, ftpImage.name).length));
            Future<Double> ftpUp = devices.submit(() -> timed(() -> {
                LegitTransfers.ftpUpload(FTP_DEVICE, ftpPort, ftpBackup.user, ftpBackup.password, ftpBackup.name,
                        backup);
                return backup.length;
            }));
            rates.add(tftpDown.get(), tftpUp.get(), ftpDown.get(), ftpUp.get());
        } finally {
            devices.shutdownNow();
        }
    }

    @FunctionalInterface
    private interface Transfer {
        int bytes() throws IOException;
    }

    /** MB/s (10^6 bytes), or -1 if the transfer failed. */
    private static double timed(Transfer transfer) {
        long start = System.nanoTime();
        try {
            int bytes = transfer.bytes();
            return bytes / 1e6 / ((System.nanoTime() - start) / 1e9);
        } catch (IOException e) {
            System.out.println("device transfer failed: " + e.getMessage());
            return -1;
        }
    }

    private static final class Rates {
        final List<double[]> samples = new ArrayList<>();
        int rounds;
        int failures;

        void add(double... rates) {
            rounds++;
            for (double rate : rates) {
                if (rate < 0) {
                    failures++;
                }
            }
            samples.add(rates);
        }

        double mean(int column) {
            return samples.stream().mapToDouble(r -> r[column]).filter(r -> r >= 0).average().orElse(Double.NaN);
        }

        void print(Rates flooded) {
            String[] names = {"TFTP download (512 B)", "TFTP upload (512 B)", "FTP download", "FTP upload"};
            for (int i = 0; i < names.length; i++) {
                System.out.printf(Locale.ROOT, "%-26s %18.1f %18.1f%n", names[i], mean(i), flooded.mean(i));
            }
            System.out.printf("failed device transfers: %d without, %d during the flood%n", failures, flooded.failures);
        }
    }

    // --- the server process ---

    private Process startServer(String[] jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(jvmOptions));
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=error");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FloodBenchServer.class.getName());
        Process server = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        commands = new PrintWriter(server.getOutputStream(), true, StandardCharsets.US_ASCII);
        Thread reader = new Thread(() -> read(server), "bench-server-output");
        reader.setDaemon(true);
        reader.start();
        String ready = answer("READY");
        if (ready == null) {
            throw new IOException("the bench server did not start");
        }
        String[] words = ready.split(" ");
        tftpPort = Integer.parseInt(words[1]);
        ftpPort = Integer.parseInt(words[2]);
        baselineThreads = Integer.parseInt(words[3]) + Integer.parseInt(words[4]);
        settings = answer("SETTINGS").substring("SETTINGS ".length());
        threadCap = Integer.parseInt(answer("THREAD_CAP").split(" ")[1]);
        return server;
    }

    private void read(Process server) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.US_ASCII))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("STATS ")) {
                    stats = line;
                    if (sampling) {
                        Stats s = Stats.parse(line);
                        peakThreads = Math.max(peakThreads, s.threads);
                        peakHeap = Math.max(peakHeap, s.heap);
                        peakTransfers = Math.max(peakTransfers, s.transfers);
                        peakFtp = Math.max(peakFtp, s.ftp);
                    }
                } else {
                    answers.add(line);
                }
            }
        } catch (IOException e) {
            answers.add("EOF " + e.getMessage());
        }
    }

    private String answer(String prefix) throws InterruptedException {
        for (String line = answers.poll(60, TimeUnit.SECONDS); line != null; line = answers.poll(60,
                TimeUnit.SECONDS)) {
            if (line.startsWith(prefix)) {
                return line;
            }
            System.out.println("server: " + line);
        }
        return null;
    }

    private record Ticket(String name, String user, String password) {
    }

    private Ticket ticket(String role, String direction, InetAddress device, int mib) throws Exception {
        commands.println("TICKET " + role + " " + direction + " " + device.getHostAddress() + " " + mib);
        String[] words = answer("TICKET " + role).split(" ");
        return new Ticket(words[2], words[3], words[4]);
    }

    private long gcHeap() throws InterruptedException {
        commands.println("GC");
        return Long.parseLong(answer("GC").split(" ")[1]);
    }

    private List<Integer> livePorts() {
        return Stats.parse(stats).ports;
    }

    private long awaitStat(LongPredicate done, String which) throws InterruptedException {
        long deadline = System.nanoTime() + RECLAIM_BOUND_MILLIS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            Stats s = Stats.parse(stats);
            if (done.test(which.equals("transfers") ? s.transfers : s.threads)) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        return -1;
    }

    private long awaitFtpClosed(FtpFlood flood) throws InterruptedException {
        long deadline = System.nanoTime() + RECLAIM_BOUND_MILLIS * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (flood.read() && Stats.parse(stats).ftp == 0) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        return -1;
    }

    private record Stats(long threads, long heap, long transfers, long ftp, List<Integer> ports) {
        static Stats parse(String line) {
            long threads = 0;
            long heap = 0;
            long transfers = 0;
            long ftp = 0;
            List<Integer> ports = List.of();
            for (String word : line.split(" ")) {
                String[] pair = word.split("=", 2);
                if (pair.length < 2) {
                    continue;
                }
                switch (pair[0]) {
                    case "threads" -> threads = Long.parseLong(pair[1]);
                    case "heap" -> heap = Long.parseLong(pair[1]);
                    case "transfers" -> transfers = Long.parseLong(pair[1]);
                    case "ftp" -> ftp = Long.parseLong(pair[1]);
                    case "ports" -> ports = pair[1].isEmpty() ? List.of()
                            : Arrays.stream(pair[1].split(",")).map(Integer::valueOf).toList();
                    default -> {
                    }
                }
            }
            return new Stats(threads, heap, transfers, ftp, ports);
        }
    }

    /**
     * How long the listening port takes to answer during the flood: a request for a name no ticket has,
     * from 127.0.0.5 every 100 ms, timed to its ERROR.
     */
    private static final class ListenerProbe {
        private final int port;
        private final long deadline;
        private final List<Long> micros = new ArrayList<>();
        private int unanswered;

        ListenerProbe(int port, long deadline) {
            this.port = port;
            this.deadline = deadline;
        }

        void run() throws IOException, InterruptedException {
            try (RawTftp probe = new RawTftp("127.0.0.5", port)) {
                while (System.nanoTime() < deadline) {
                    long start = System.nanoTime();
                    probe.sendRequest(RawTftp.RRQ, "up-probe.bin", "octet");
                    if (probe.receive(2000) == null) {
                        unanswered++;
                    } else {
                        micros.add((System.nanoTime() - start) / 1000);
                    }
                    Thread.sleep(100);
                }
            }
        }

        String report() {
            List<Long> sorted = micros.stream().sorted().toList();
            if (sorted.isEmpty()) {
                return "listening port: no probe answered";
            }
            return String.format(Locale.ROOT, "listening port under the flood: %d probes answered in median %.1f ms,"
                    + " 99th percentile %.1f ms, max %.1f ms; %d unanswered within 2 s", sorted.size(),
                    sorted.get(sorted.size() / 2) / 1000.0, sorted.get(Math.min(sorted.size() - 1,
                            sorted.size() * 99 / 100)) / 1000.0,
                    sorted.get(sorted.size() - 1) / 1000.0, unanswered);
        }
    }

    /** Datagrams the kernel dropped at a UDP port of 127.0.0.1 ({@code /proc/net/udp}); -1 where unknown. */
    private static final class KernelDrops {
        static long of(int port) {
            try {
                String local = "0100007F:" + String.format("%04X", port);
                for (String line : Files.readAllLines(Path.of("/proc/net/udp"))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 12 && fields[1].equals(local)) {
                        return Long.parseLong(fields[fields.length - 1]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                return -1;
            }
            return -1;
        }
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
