package org.uplift.simulator;

import java.util.Locale;

import org.uplift.simulator.ops.FailCause;
import org.uplift.simulator.ops.OpType;

/**
 * A failure a simulated device is told to show, written {@code KIND} or {@code KIND:ARGUMENT}
 * (e.g. {@code download-fail:noMemory}, {@code restore-fail:2}, {@code silent-during:restore}).
 *
 * @param kind     what fails
 * @param argument the kind's argument, normalised; empty if it takes none
 */
public record Fault(FaultKind kind, String argument) {

    /** The firmware download fails with transferFailed. */
    public static final Fault DOWNLOAD_FAIL = new Fault(FaultKind.DOWNLOAD_FAIL, FailCause.TRANSFER_FAILED.label());

    public Fault {
        argument = normalise(kind, argument == null ? "" : argument.trim());
    }

    public static Fault of(FaultKind kind) {
        return new Fault(kind, "");
    }

    /** Parses {@code KIND} or {@code KIND:ARGUMENT}; the message says what is wrong. */
    public static Fault parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        int colon = trimmed.indexOf(':');
        FaultKind kind = FaultKind.parse(colon < 0 ? trimmed : trimmed.substring(0, colon));
        return new Fault(kind, colon < 0 ? "" : trimmed.substring(colon + 1));
    }

    /** How it is written on a command line. */
    public String id() {
        return argument.isEmpty() ? kind.id() : kind.id() + ":" + argument;
    }

    /** For {@link FaultKind#DOWNLOAD_FAIL}: the fail cause to report. */
    public FailCause failCause() {
        return FailCause.parse(argument);
    }

    /** For {@link FaultKind#RESTORE_FAIL}: how many restores fail; for FLASH_SILENCE and UPTIME_WRAP: seconds; for SLOW_ROW: ms. */
    public int count() {
        return Integer.parseInt(argument);
    }

    /** For {@link FaultKind#SILENT_DURING}: the operation that silences the device. */
    public OpType operation() {
        return switch (argument) {
            case "backup" -> OpType.BACKUP_CONFIG;
            case "restore" -> OpType.RESTORE_CONFIG;
            case "download" -> OpType.DOWNLOAD_FIRMWARE;
            default -> OpType.ROLLBACK_FIRMWARE;
        };
    }

    @Override
    public String toString() {
        return id();
    }

    private static String normalise(FaultKind kind, String argument) {
        return switch (kind) {
            case DOWNLOAD_FAIL -> FailCause.parse(argument.isEmpty() ? "transferFailed" : argument).label();
            case RESTORE_FAIL -> Integer.toString(positive(argument.isEmpty() ? "1" : argument, kind));
            case SILENT_DURING -> step(argument);
            case FLASH_SILENCE -> Integer.toString(positive(argument.isEmpty() ? "20" : argument, kind));
            case UPTIME_WRAP -> Integer.toString(positive(argument.isEmpty() ? "5" : argument, kind));
            case SLOW_ROW -> millis(argument.isEmpty() ? "1500" : argument);
            default -> {
                if (!argument.isEmpty()) {
                    throw new IllegalArgumentException(
                            "fault " + kind.id() + " takes no argument (got '" + argument + "')");
                }
                yield "";
            }
        };
    }

    private static int positive(String text, FaultKind kind) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException(kind.id() + " needs a positive " + (kind == FaultKind.RESTORE_FAIL ? "count"
                : "number of seconds") + ", e.g. " + kind.id() + ":2 (got '" + text + "')");
    }

    private static String millis(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= 600_000) {
                return Integer.toString(n);
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("slow-row needs milliseconds from 1 to 600000, e.g. slow-row:1500 (got '"
                + text + "')");
    }

    private static String step(String text) {
        String step = text.toLowerCase(Locale.ROOT);
        if (step.equals("backup") || step.equals("restore") || step.equals("download") || step.equals("rollback")) {
            return step;
        }
        throw new IllegalArgumentException(
                "silent-during needs backup, restore, download or rollback (got '" + text + "')");
    }
}
