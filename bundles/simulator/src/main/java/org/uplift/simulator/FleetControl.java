package org.uplift.simulator;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The standalone simulator's run-time control language, one command a line (read from stdin and
 * from the loopback control port): {@code fault N KIND[:ARG]}, {@code clear N}, {@code devices},
 * {@code help}. Each command answers with text that starts with {@code ok} or {@code error}.
 */
public final class FleetControl {

    static final String HELP = """
            ok commands:
              fault N KIND[:ARG]   device N shows the fault from now on (kinds: %s)
              clear N              device N shows no fault any more (a silenced device answers again)
              devices              one line per device: index, address:port, versions, configuration sha256, faults
              steps                one line per step a device took of its own lately (an operation, a reboot):
                                   index, kind (backup, download, reboot, restore, rollback), start and end (epoch ms)
              help                 this text""".formatted(FaultKind.known());

    private final SimulatorFleet fleet;

    public FleetControl(SimulatorFleet fleet) {
        this.fleet = fleet;
    }

    /** Carries out one command line; never throws. */
    public String execute(String line) {
        String[] words = line.trim().split("\\s+");
        try {
            return switch (words[0].toLowerCase(Locale.ROOT)) {
                case "fault" -> fault(words);
                case "clear" -> clear(words);
                case "devices" -> devices();
                case "steps" -> steps();
                case "help", "" -> HELP;
                default -> "error: unknown command '" + words[0] + "'; try help";
            };
        } catch (IllegalArgumentException e) {
            return "error: " + e.getMessage();
        }
    }

    private String fault(String[] words) {
        if (words.length != 3) {
            throw new IllegalArgumentException("usage: fault N KIND[:ARG]");
        }
        SimulatedDevice device = device(words[1]);
        Fault fault = Fault.parse(words[2]);
        device.inject(fault);
        return "ok device " + device.index() + " faults " + ids(device);
    }

    private String clear(String[] words) {
        if (words.length != 2) {
            throw new IllegalArgumentException("usage: clear N");
        }
        SimulatedDevice device = device(words[1]);
        device.clearFaults();
        return "ok device " + device.index() + " faults none";
    }

    private String devices() {
        return "ok " + fleet.devices().size() + " device(s)\n" + fleet.devices().stream()
                .map(d -> d.index() + " " + d.host() + ":" + d.port() + " running " + d.runningVersion() + " kept "
                        + (d.keptVersion().isEmpty() ? "-" : d.keptVersion()) + " config " + d.configDigest()
                        + (d.rebooting() ? " silent" : "")
                        + " faults " + (d.faults().isEmpty() ? "none" : String.join(",", d.faults())))
                .collect(Collectors.joining("\n"));
    }

    private String steps() {
        StringBuilder lines = new StringBuilder();
        int count = 0;
        for (int index = 1;; index++) {
            SimulatedDevice device = fleet.deviceByIndex(index).orElse(null);
            if (device == null) {
                break;
            }
            for (StepTimes.Step step : device.steps()) {
                lines.append('\n').append(index).append(' ').append(step.kind()).append(' ')
                        .append(step.startMillis()).append(' ').append(step.endMillis());
                count++;
            }
        }
        return "ok " + count + " step(s)" + lines;
    }

    private SimulatedDevice device(String number) {
        int index;
        try {
            index = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("device number '" + number + "' is not a number");
        }
        return fleet.deviceByIndex(index).orElseThrow(() -> new IllegalArgumentException(
                "no device " + index + "; devices are numbered 1-" + fleet.devices().size()));
    }

    private static String ids(SimulatedDevice device) {
        return device.faults().stream().map(Fault::id).sorted().collect(Collectors.joining(","));
    }
}
