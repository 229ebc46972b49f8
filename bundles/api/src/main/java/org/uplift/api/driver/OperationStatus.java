package org.uplift.api.driver;

/**
 * An operation's state read from the device.
 *
 * @param state       the state
 * @param failCause   the device's fail cause name (e.g. {@code badFileName}), or {@code null}
 * @param failMessage the device's own failure text, or {@code null}
 * @param bytes       bytes the device reports transferred
 * @since 0.1
 */
public record OperationStatus(OperationState state, String failCause, String failMessage, long bytes) {

    /** The fail cause and message as one line for an operator. */
    public String describeFailure() {
        if (failCause == null && failMessage == null) {
            return "no fail cause reported";
        }
        return (failCause == null ? "" : failCause)
                + (failMessage == null || failMessage.isEmpty() ? "" : ": " + failMessage);
    }
}
