package org.uplift.rest;

/**
 * A request the API refuses, with the HTTP status and the one line the client reads as
 * {@code {"error": "..."}} ({@link JsonErrors} writes it).
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiException(int status, String message) {
        super(message);
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
}
