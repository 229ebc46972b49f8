package org.uplift.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.uplift.simulator.ops.Tftp;
import org.uplift.simulator.ops.TransferFailure;

/**
 * The transfers of a fleet upgrade and nothing else, for {@code bench/fleet-bench.sh}'s "pure transfer"
 * baseline: per device one configuration upload, one firmware download and one configuration download,
 * {@code --concurrency} devices at a time, through the very TFTP client (and its time-outs) the simulated
 * devices use. The server's tickets are opened beforehand: one upload ticket per device (names in
 * {@code --uploads}, one a line), one firmware and one configuration ticket every device reads.
 * A transfer that fails (a time-out on a loaded machine) is tried again, as a device would be told
 * to, up to three times in all; the retries are counted. Prints one line of figures; exits 1 if a
 * transfer failed three times.
 */
public final class TransferLoad {

    static final String USAGE = """
            Usage: java -cp simulator-standalone.jar org.uplift.simulator.TransferLoad --server HOST:PORT
                     --uploads FILE --firmware NAME --config NAME [--concurrency C] [--config-size BYTES]
            """;

    private TransferLoad() {
    }

    public static void main(String[] args) {
        CommandLine.main(args, USAGE, TransferLoad::run);
    }

    static int run(String[] args, PrintStream out) throws IOException {
        Options o = Options.parse(args);
        List<String> uploads = Files.readAllLines(o.uploads).stream().map(String::trim).filter(s -> !s.isEmpty())
                .toList();
        if (uploads.isEmpty()) {
            throw new IllegalArgumentException(o.uploads + " names no upload ticket");
        }
        InetAddress server = InetAddress.getByName(o.host);
        Tftp tftp = new Tftp(InetAddress.getByName(DeviceSettings.DEFAULT_HOST), Duration.ofSeconds(1), 3);
        AtomicLong bytes = new AtomicLong();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger retries = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(o.concurrency);
        long start = System.nanoTime();
        List<Future<?>> devices = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i++) {
            int index = i + 1;
            String upload = uploads.get(i);
            devices.add(pool.submit(() -> {
                try {
                    byte[] config = RunningConfig.initial(index, DeviceSettings.DEFAULT_CONFIG_FORMAT, o.configSize);
                    bytes.addAndGet(attempts(index, retries, () -> tftp.upload(server, o.port, upload, config)));
                    bytes.addAndGet(attempts(index, retries,
                            () -> tftp.download(server, o.port, o.firmware, 64L << 20).length));
                    bytes.addAndGet(attempts(index, retries,
                            () -> tftp.download(server, o.port, o.config, RunningConfig.MAX_BYTES).length));
                } catch (TransferFailure e) {
                    failures.incrementAndGet();
                    System.err.println("device " + index + ": " + e.getMessage() + " (" + ATTEMPTS + " attempts)");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (Future<?> device : devices) {
            try {
                device.get();
            } catch (Exception e) {
                failures.incrementAndGet();
                System.err.println("device transfer crashed: " + e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        out.printf(Locale.ROOT,
                "devices %d concurrency %d seconds %.2f bytes %d retries %d failures %d client_cpu_s %.2f%n",
                uploads.size(), o.concurrency, seconds, bytes.get(), retries.get(), failures.get(), cpuSeconds());
        return failures.get() == 0 ? 0 : 1;
    }

    private static final int ATTEMPTS = 3;
    private static final long PAUSE_MILLIS = 3000;

    private interface Transfer {
        long run() throws TransferFailure;
    }

    /** The transfer's bytes; a failed try is repeated after a pause that outlasts the server's own retries. */
    private static long attempts(int index, AtomicInteger retries, Transfer transfer)
            throws TransferFailure, InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                return transfer.run();
            } catch (TransferFailure e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                retries.incrementAndGet();
                System.err.println("device " + index + ": " + e.getMessage() + "; trying again");
                Thread.sleep(PAUSE_MILLIS);
            }
        }
    }

    /**
     * This process's CPU time (utime + stime, all threads) from Linux's /proc/self/stat, or -1 elsewhere
     * (com.sun.management would tell too, but the bundle must not import it).
     */
    private static double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields from the state (3rd of the file) on: utime and stime are the 14th and 15th of the file
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static final class Options {
        String host;
        int port;
        Path uploads;
        String firmware;
        String config;
        int concurrency = 1;
        int configSize;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = ++i < args.length ? args[i] : null;
                if (value == null) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                switch (arg) {
                    case "--server" -> {
                        int colon = value.lastIndexOf(':');
                        if (colon < 1) {
                            throw new IllegalArgumentException("--server needs HOST:PORT (got '" + value + "')");
                        }
                        o.host = value.substring(0, colon);
                        o.port = CommandLine.number(arg, value.substring(colon + 1));
                    }
                    case "--uploads" -> o.uploads = Path.of(value);
                    case "--firmware" -> o.firmware = value;
                    case "--config" -> o.config = value;
                    case "--concurrency" -> o.concurrency = CommandLine.number(arg, value);
                    case "--config-size" -> o.configSize = CommandLine.number(arg, value);
                    default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
            }
            if (o.host == null || o.uploads == null || o.firmware == null || o.config == null) {
                throw new IllegalArgumentException("--server, --uploads, --firmware and --config are required");
            }
            if (o.concurrency < 1) {
                throw new IllegalArgumentException("--concurrency must be at least 1");
            }
            RunningConfig.checkSize(o.configSize);
            return o;
        }
    }
}
