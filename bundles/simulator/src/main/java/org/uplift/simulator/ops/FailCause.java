package org.uplift.simulator.ops;

import java.util.Arrays;
import java.util.stream.Collectors;

/** upliftIadOpFailCause, with the MIB's labels. */
public enum FailCause {
    NONE(1, "none"), UNKNOWN(2, "unknown"), BAD_FILE_NAME(3, "badFileName"), TIMEOUT(4, "timeout"), NO_MEMORY(5,
            "noMemory"), CORRUPT_IMAGE(6, "corruptImage"), WRONG_MODEL(7, "wrongModel"), LOAD_FAILED(8,
                    "loadFailed"), UNSUPPORTED_PROTOCOL(9, "unsupportedProtocol"), FORMAT_REJECTED(10,
                            "formatRejected"), TRANSFER_FAILED(11, "transferFailed");

    private final int code;
    private final String label;

    FailCause(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    /** The MIB's enumeration label, e.g. {@code badFileName}. */
    public String label() {
        return label;
    }

    /** The cause with this MIB label (case-insensitive); {@code none} is not a failure and is refused. */
    public static FailCause parse(String label) {
        for (FailCause cause : values()) {
            if (cause != NONE && cause.label.equalsIgnoreCase(label.trim())) {
                return cause;
            }
        }
        throw new IllegalArgumentException("unknown fail cause '" + label + "' (known: " + known() + ")");
    }

    public static String known() {
        return Arrays.stream(values()).filter(c -> c != NONE).map(FailCause::label).collect(Collectors.joining(", "));
    }
}
