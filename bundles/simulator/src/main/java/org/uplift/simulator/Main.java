package org.uplift.simulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Command line: run a fleet until Ctrl-C, or write a firmware image. */
public final class Main {

    static final String USAGE = """
            Usage:
              java -jar simulator-standalone.jar --devices N [--base-port 11161] [--model IAD-1000]
                   [--version 1.0.0] [--reboot-seconds 3] [--fault INDEX=KIND ...]
                  Runs N simulated devices on 127.0.0.1, ports base .. base+N-1, until Ctrl-C.
                  SNMP v2c communities: public (read), private (read-write).
                  Fault kinds: %s
              java -jar simulator-standalone.jar --make-firmware FILE --model M --version V
                   [--config-format 1] [--size BYTES]
                  Writes a firmware image the simulated devices accept, then exits.
              java -jar simulator-standalone.jar --help
            """.formatted(Fault.known());

    private Main() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args, System.out));
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        } catch (IOException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    static int run(String[] args, PrintStream out) throws IOException {
        Options options = Options.parse(args);
        if (options.help) {
            out.print(USAGE);
            return 0;
        }
        if (options.makeFirmware != null) {
            return makeFirmware(options, out);
        }
        if (options.devices == null) {
            throw new IllegalArgumentException("--devices N or --make-firmware FILE is required");
        }
        return runFleet(options, out);
    }

    private static int makeFirmware(Options options, PrintStream out) throws IOException {
        String model = options.model == null ? DeviceSettings.DEFAULT_MODEL : options.model;
        if (options.version == null) {
            throw new IllegalArgumentException("--make-firmware needs --version");
        }
        byte[] image = FirmwareImageFormat.build(model, options.version, options.configFormat, options.size);
        Path file = Path.of(options.makeFirmware);
        Files.write(file, image);
        out.println("wrote " + file + ": " + model + " " + options.version + " config-format "
                + options.configFormat + ", " + image.length + " bytes, sha256 " + FirmwareImageFormat.sha256Hex(image));
        return 0;
    }

    private static int runFleet(Options options, PrintStream out) throws IOException {
        FleetSettings settings = new FleetSettings(options.devices, options.basePort,
                options.model == null ? DeviceSettings.DEFAULT_MODEL : options.model,
                options.version == null ? DeviceSettings.DEFAULT_VERSION : options.version,
                options.rebootSeconds, FleetSettings.parseFaults(options.faults));
        Fleet fleet = Fleet.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fleet.close();
            stopped.countDown();
        }, "uplift-sim-shutdown"));
        for (DeviceStatus device : fleet.devices()) {
            out.printf("device %d  udp:127.0.0.1/%d  %s %s  config sha256 %s%s%n", device.index(), device.port(),
                    device.model(), device.runningVersion(), device.configDigest().substring(0, 12),
                    settings.faults().containsKey(device.index()) ? "  faults " + faultIds(settings, device.index()) : "");
        }
        out.println("running " + settings.devices() + " device(s); Ctrl-C stops them");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    private static String faultIds(FleetSettings settings, int index) {
        return settings.faults().get(index).stream().map(Fault::id).sorted().collect(java.util.stream.Collectors.joining(","));
    }

    /** The parsed command line. */
    static final class Options {
        boolean help;
        Integer devices;
        int basePort = FleetSettings.DEFAULT_BASE_PORT;
        String model;
        String version;
        String configFormat = DeviceSettings.DEFAULT_CONFIG_FORMAT;
        int rebootSeconds = 3;
        int size = 64 * 1024;
        String makeFirmware;
        final List<String> faults = new ArrayList<>();

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--help", "-h" -> o.help = true;
                    case "--devices" -> o.devices = number(arg, value(args, ++i, arg));
                    case "--base-port" -> o.basePort = number(arg, value(args, ++i, arg));
                    case "--model" -> o.model = value(args, ++i, arg);
                    case "--version" -> o.version = value(args, ++i, arg);
                    case "--config-format" -> o.configFormat = value(args, ++i, arg);
                    case "--reboot-seconds" -> o.rebootSeconds = number(arg, value(args, ++i, arg));
                    case "--size" -> o.size = number(arg, value(args, ++i, arg));
                    case "--make-firmware" -> o.makeFirmware = value(args, ++i, arg);
                    case "--fault" -> {
                        o.faults.add(value(args, ++i, arg));
                        while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                            o.faults.add(args[++i]);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int number(String option, String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number (got '" + value + "')");
            }
        }
    }
}
