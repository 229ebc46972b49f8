package org.uplift.simulator.ops;

/** A file transfer failed; carries the fail cause the device reports. */
public final class TransferFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final FailCause cause;
    private final long bytes;

    public TransferFailure(FailCause cause, String message, long bytes) {
        super(message);
        this.cause = cause;
        this.bytes = bytes;
    }

    public FailCause failCause() {
        return cause;
    }

    public long bytes() {
        return bytes;
    }
}
