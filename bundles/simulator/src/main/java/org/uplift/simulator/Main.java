package org.uplift.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Command line: run a fleet until Ctrl-C, or write a firmware image. */
public final class Main {

    static final String USAGE = """
            Usage:
              java -jar simulator-standalone.jar --devices N [options]
                  Runs N simulated devices until Ctrl-C or kill (end of stdin does not stop them);
                  N up to 10000 on consecutive ports, up to 50000 with --address-per-device.
                  --base-port P          SNMP port of device 1; the others follow (default 11161)
                  --address-per-device   device N listens on --base-port of its own address 127.0.x.y
                                         (device 1 on 127.0.0.2, 2 on 127.0.0.3, ...) instead of consecutive ports
                  --model M              model every device reports (default IAD-1000)
                  --version V            software every device runs at start (default 1.0.0)
                  --config-format F      configuration format of that software (default 1; 1, 2 and 3 differ)
                  --config-size BYTES    pad every device's configuration at start to at least BYTES with a
                                         dial plan (default 0: about 300 bytes; at most 8388608)
                  --reboot-seconds S     how long a reboot silences a device (default 3)
                  --mibs LIST            MIBs every device speaks, comma-separated (default uplift-iad;
                                         known: %s; each serves only its real MIBs)
                  --tftp-port P          the file server's TFTP port for copies commanded through
                                         cisco-config-copy or docsis, whose MIBs cannot name a port (default 69)
                  --http-port P          the file server's HTTP port for downloads commanded through docsis
                                         with transport http, whose MIB cannot name a port (default 80)
                  --ftp-port P           the file server's FTP port for copies commanded through
                                         cisco-config-copy with protocol ftp (default 21)
                  --v3-user NAME --v3-auth PASS --v3-priv PASS
                                         the devices' SNMPv3 user (SHA-256 auth, AES-128 priv;
                                         default uplift / uplift-auth-pass / uplift-priv-pass)
                  --notify HOST:PORT     send upliftIadOpCompletion / ccCopyCompletion, and coldStart after
                                         each reboot, there as v2c traps
                  --notify-v3            ... as SNMPv3 informs (authPriv, the v3 user) instead
                  --notify-v1            ... as SNMPv1 Trap-PDUs (enterprise, specific-trap), as older devices send
                  --fault INDEX=KIND[:ARG] ...
                                         device INDEX shows the fault from the start
                  --control-port P       accept control commands on TCP 127.0.0.1:P (0 picks a port)
                  SNMP v2c communities: public (read), private (read-write).
                  Fault kinds: %s
                  Run-time control: type commands on stdin, or send them to the control port, one a line:
                    fault N KIND[:ARG]   clear N   devices   steps   help
                  e.g. echo 'fault 3 no-return' | nc -q1 127.0.0.1 P
              java -jar simulator-standalone.jar --make-firmware FILE --model M --version V
                   [--config-format 1] [--size BYTES]
                  Writes a firmware image the simulated devices accept, then exits.
              java -jar simulator-standalone.jar --help
            """.formatted(Personality.known(), FaultKind.known());

    private Main() {
    }

    public static void main(String[] args) {
        CommandLine.main(args, USAGE, Main::run);
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
                + options.configFormat + ", " + image.length + " bytes, sha256 "
                + FirmwareImageFormat.sha256Hex(image));
        return 0;
    }

    private static int runFleet(Options options, PrintStream out) throws IOException {
        FleetSettings settings = new FleetSettings(options.devices, options.basePort,
                options.model == null ? DeviceSettings.DEFAULT_MODEL : options.model,
                options.version == null ? DeviceSettings.DEFAULT_VERSION : options.version,
                options.rebootSeconds, FleetSettings.parseFaults(options.faults), options.addressPerDevice,
                Personality.parse(options.mibs), options.v3User(),
                options.notify == null ? null : NotificationTarget.parse(options.notify, options.notifyKind()),
                options.configFormat, options.tftpPort, options.configSize, options.httpPort, options.ftpPort);
        Fleet fleet = Fleet.start(settings);
        FleetControl control = new FleetControl(fleet);
        ControlPort controlPort = options.controlPort == null ? null : new ControlPort(options.controlPort, control);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fleet.close();
            stopped.countDown();
        }, "uplift-sim-shutdown"));
        for (DeviceStatus device : fleet.devices()) {
            out.printf("device %d  udp:%s/%d  %s %s  config sha256 %s%s%n", device.index(), device.host(),
                    device.port(), device.model(), device.runningVersion(), device.configDigest().substring(0, 12),
                    device.faults().isEmpty() ? "" : "  faults " + String.join(",", device.faults()));
        }
        if (controlPort != null) {
            out.println("control port tcp:127.0.0.1/" + controlPort.port());
        }
        out.println("running " + settings.devices() + " device(s); Ctrl-C stops them; type help for run-time control");
        out.flush();
        readCommands(control, out);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** Control commands from stdin, in the background: a fleet started with stdin closed keeps running. */
    private static void readCommands(FleetControl control, PrintStream out) {
        Thread reader = new Thread(() -> {
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(System.in, StandardCharsets.UTF_8));
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank()) {
                        out.println(control.execute(line));
                        out.flush();
                    }
                }
            } catch (IOException e) {
                // stdin is gone; the control port, if any, still works
            }
        }, "uplift-sim-stdin");
        reader.setDaemon(true);
        reader.start();
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
        int tftpPort = DeviceSettings.WELL_KNOWN_TFTP_PORT;
        int httpPort = DeviceSettings.WELL_KNOWN_HTTP_PORT;
        int ftpPort = DeviceSettings.WELL_KNOWN_FTP_PORT;
        int size = 64 * 1024;
        int configSize;
        String makeFirmware;
        boolean addressPerDevice;
        String mibs = Personality.UPLIFT_IAD.id();
        String v3Name = V3User.DEFAULT.name();
        String v3Auth = V3User.DEFAULT.authPassphrase();
        String v3Priv = V3User.DEFAULT.privPassphrase();
        String notify;
        boolean notifyV3;
        boolean notifyV1;
        Integer controlPort;
        final List<String> faults = new ArrayList<>();

        V3User v3User() {
            return new V3User(v3Name, v3Auth, v3Priv);
        }

        NotificationTarget.Kind notifyKind() {
            if (notifyV1 && notifyV3) {
                throw new IllegalArgumentException("--notify-v1 and --notify-v3 exclude each other");
            }
            return notifyV1 ? NotificationTarget.Kind.V1_TRAP
                    : notifyV3 ? NotificationTarget.Kind.V3_INFORM : NotificationTarget.Kind.V2C_TRAP;
        }

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--help", "-h" -> o.help = true;
                    case "--devices" -> o.devices = CommandLine.number(arg, value(args, ++i, arg));
                    case "--base-port" -> o.basePort = CommandLine.number(arg, value(args, ++i, arg));
                    case "--model" -> o.model = value(args, ++i, arg);
                    case "--version" -> o.version = value(args, ++i, arg);
                    case "--config-format" -> o.configFormat = value(args, ++i, arg);
                    case "--reboot-seconds" -> o.rebootSeconds = CommandLine.number(arg, value(args, ++i, arg));
                    case "--size" -> o.size = CommandLine.number(arg, value(args, ++i, arg));
                    case "--config-size" -> o.configSize = CommandLine.number(arg, value(args, ++i, arg));
                    case "--make-firmware" -> o.makeFirmware = value(args, ++i, arg);
                    case "--address-per-device" -> o.addressPerDevice = true;
                    case "--mibs" -> o.mibs = value(args, ++i, arg);
                    case "--tftp-port" -> o.tftpPort = CommandLine.number(arg, value(args, ++i, arg));
                    case "--http-port" -> o.httpPort = CommandLine.number(arg, value(args, ++i, arg));
                    case "--ftp-port" -> o.ftpPort = CommandLine.number(arg, value(args, ++i, arg));
                    case "--v3-user" -> o.v3Name = value(args, ++i, arg);
                    case "--v3-auth" -> o.v3Auth = value(args, ++i, arg);
                    case "--v3-priv" -> o.v3Priv = value(args, ++i, arg);
                    case "--notify" -> o.notify = value(args, ++i, arg);
                    case "--notify-v3" -> o.notifyV3 = true;
                    case "--notify-v1" -> o.notifyV1 = true;
                    case "--control-port" -> o.controlPort = CommandLine.number(arg, value(args, ++i, arg));
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
    }
}
