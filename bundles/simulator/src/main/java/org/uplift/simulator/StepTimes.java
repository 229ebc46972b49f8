package org.uplift.simulator;

import java.util.ArrayList;
import java.util.List;

import org.uplift.simulator.ops.OpType;

/**
 * When one device spent its own time on each step of an upgrade (an operation's transfer, its
 * reboot), as wall-clock instants: a benchmark packs these into the ideal schedule a manager could
 * reach, and compares its campaign with it. Bounded, so a long-running fleet does not grow.
 */
public final class StepTimes {

    /** A device's step: its kind ({@code backup}, {@code download}, {@code reboot}, ...) and epoch milliseconds. */
    public record Step(String kind, long startMillis, long endMillis) {
    }

    private static final int MAX_STEPS = 64;

    private final List<Step> steps = new ArrayList<>();

    synchronized void add(String kind, long startMillis, long endMillis) {
        if (steps.size() == MAX_STEPS) {
            steps.remove(0);
        }
        steps.add(new Step(kind, startMillis, endMillis));
    }

    synchronized List<Step> list() {
        return List.copyOf(steps);
    }

    /** The name a step of this operation type is reported under. */
    static String kindOf(OpType type) {
        return switch (type) {
            case BACKUP_CONFIG -> "backup";
            case RESTORE_CONFIG -> "restore";
            case DOWNLOAD_FIRMWARE -> "download";
            case ROLLBACK_FIRMWARE -> "rollback";
        };
    }
}
