package org.uplift.rest;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure as {@code {"error": "one line"}}: the API's own refusals with their status, the JAX-RS
 * runtime's (no such path, wrong method) with theirs, anything else as 500 with the details in the Karaf
 * log only, so no stack trace or internal message reaches a client.
 */
public class JsonErrors implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrors.class);
    private static final int MAX_LENGTH = 300;

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof ApiException e) {
            return response(e.status(), e.getMessage());
        }
        if (failure instanceof WebApplicationException e) {
            int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
            return response(status, runtimeMessage(status));
        }
        LOG.error("REST request failed", failure);
        return response(500, "internal error; the Karaf log has the details");
    }

    /** A JSON error response. */
    public static Response response(int status, String message) {
        return Response.status(status).type(JsonBodyWriter.JSON_UTF8)
                .entity(new ErrorReply(oneLine(message))).build();
    }

    /**
     * What every failure answers.
     *
     * @param error one line saying what failed and what to do
     */
    public record ErrorReply(String error) {
    }

    private static String runtimeMessage(int status) {
        return switch (status) {
            case 404 -> "no such resource; the API is under /uplift: devices, firmware, jobs, campaigns, events";
            case 405 -> "method not allowed on this resource";
            case 406 -> "this resource answers only in JSON (or text/event-stream for /uplift/events)";
            case 415 -> "unsupported content type; send JSON";
            default -> {
                Response.Status known = Response.Status.fromStatusCode(status);
                yield known == null ? "HTTP " + status : known.getReasonPhrase();
            }
        };
    }

    /** The message on one line, without control characters, cut to a length a UI can show. */
    public static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "request failed";
        }
        String line = message.replaceAll("[\\r\\n\\t\\p{Cntrl}]+", " ").replaceAll(" {2,}", " ").trim();
        return line.length() <= MAX_LENGTH ? line : line.substring(0, MAX_LENGTH - 3) + "...";
    }
}
