package org.uplift.simulator;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A failure a simulated device can be told to show; written as {@code INDEX=NAME} on the command line. */
public enum Fault {
    /** downloadFirmware fails with transferFailed before contacting any server. */
    DOWNLOAD_FAIL("download-fail");

    private final String id;

    Fault(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Fault parse(String id) {
        for (Fault fault : values()) {
            if (fault.id.equalsIgnoreCase(id.trim())) {
                return fault;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + id + "' (known: " + known() + ")");
    }

    public static String known() {
        return Arrays.stream(values()).map(Fault::id).collect(Collectors.joining(", "));
    }
}
