package org.uplift.simulator.ops;

/** upliftIadOpFailCause. */
public enum FailCause {
    NONE(1), UNKNOWN(2), BAD_FILE_NAME(3), TIMEOUT(4), NO_MEMORY(5), CORRUPT_IMAGE(6), WRONG_MODEL(7),
    LOAD_FAILED(8), UNSUPPORTED_PROTOCOL(9), FORMAT_REJECTED(10), TRANSFER_FAILED(11);

    private final int code;

    FailCause(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
