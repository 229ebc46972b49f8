package org.uplift.api.workflow;

import java.util.Objects;

/**
 * A job or campaign could not be started or changed; the message says why, for an operator, and the
 * {@link Reason} says what kind of refusal it is, so a caller (REST, shell) maps it without reading the text.
 *
 * @since 0.1
 */
public class UpgradeException extends Exception {
    private static final long serialVersionUID = 2L;

    /**
     * What kind of refusal: a caller maps it to its own codes (REST: 404, 409, 400, 503).
     *
     * @since 0.4
     */
    public enum Reason {
        /** No inventory knows the device. */
        UNKNOWN_DEVICE,
        /** No such firmware (for the device's model) in the catalogue. */
        UNKNOWN_FIRMWARE,
        /** No such job. */
        UNKNOWN_JOB,
        /** No such campaign. */
        UNKNOWN_CAMPAIGN,
        /** The device already has a job that has not ended, or already runs the target version. */
        BUSY,
        /** The job (or campaign) is not in a state that takes this request: no open prompt, ended, changed meanwhile. */
        NOT_WAITING,
        /** Refused before the device is touched: the plan cannot be made (drivers lack a capability, no migration, ...). */
        REFUSED_BY_PREFLIGHT,
        /** The device could not be read or resolved before the job was made. */
        DEVICE_UNREACHABLE,
        /** The request itself is malformed (a bad selection, a bad value). */
        INVALID_REQUEST,
        /** Uplift's own store or an interruption: try again later. */
        UNAVAILABLE
    }

    private final Reason reason;

    public UpgradeException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public UpgradeException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @deprecated name a {@link Reason}: {@link #UpgradeException(Reason, String)} */
    @Deprecated(since = "0.4")
    public UpgradeException(String message) {
        this(Reason.REFUSED_BY_PREFLIGHT, message);
    }

    /** @deprecated name a {@link Reason}: {@link #UpgradeException(Reason, String, Throwable)} */
    @Deprecated(since = "0.4")
    public UpgradeException(String message, Throwable cause) {
        this(Reason.REFUSED_BY_PREFLIGHT, message, cause);
    }

    /** @since 0.4 */
    public Reason reason() {
        return reason;
    }
}
