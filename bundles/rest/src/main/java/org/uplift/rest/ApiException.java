package org.uplift.rest;

import javax.ws.rs.WebApplicationException;

import org.uplift.api.workflow.UpgradeException;

/**
 * A request the API refuses, with the HTTP status and the one line the client reads as
 * {@code {"error": "..."}} ({@link JsonErrors} writes it). A {@link WebApplicationException}, so the JAX-RS runtime
 * hands one thrown while a request body is read ({@link JsonBodyReader}) to {@link JsonErrors} as it does one thrown by
 * a resource.
 */
public class ApiException extends WebApplicationException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiException(int status, String message) {
        super(message, status);
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** 400: the request itself is wrong (malformed JSON, a missing or bad field, an unknown reference in the body). */
    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    /** 404: the resource the path names does not exist. */
    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    /** 409: the resource exists but its state does not allow the request. */
    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    /** The answer to the engine's refusal, with its message, by its reason (never by its text). */
    public static ApiException of(UpgradeException e) {
        return new ApiException(status(e.reason()), e.getMessage());
    }

    /**
     * The status of each reason. A device or firmware the engine does not know was named in the request's body: 400;
     * a job or campaign it does not know was named in the path: 404. A refusal by the state of the device, the job or
     * the plan (a job already running, no open prompt, no driver or migration for the step, the device not
     * answering): 409, as the engine's refusals always were. Uplift's store being away: 503, try again.
     */
    static int status(UpgradeException.Reason reason) {
        return switch (reason) {
            case UNKNOWN_DEVICE, UNKNOWN_FIRMWARE, INVALID_REQUEST -> 400;
            case UNKNOWN_JOB, UNKNOWN_CAMPAIGN -> 404;
            case BUSY, NOT_WAITING, REFUSED_BY_PREFLIGHT, DEVICE_UNREACHABLE -> 409;
            case UNAVAILABLE -> 503;
        };
    }
}
