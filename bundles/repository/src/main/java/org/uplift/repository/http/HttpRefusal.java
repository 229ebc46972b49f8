package org.uplift.repository.http;

/**
 * A request the server will not serve: the status and short text the client gets, and the reason
 * for the log (which the client does not see).
 */
final class HttpRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String clientMessage;
    private final String allow;
    private String requestLine;

    HttpRefusal(int status, String clientMessage, String reason) {
        this(status, clientMessage, reason, null);
    }

    /** @param allow the methods the ticket allows, for a 405's {@code Allow} header */
    HttpRefusal(int status, String clientMessage, String reason, String allow) {
        super(reason, null, false, false);
        this.status = status;
        this.clientMessage = clientMessage;
        this.allow = allow;
    }

    int status() {
        return status;
    }

    String clientMessage() {
        return clientMessage;
    }

    /** {@code null} unless this is a 405. */
    String allow() {
        return allow;
    }

    /** The request line a head refusal came with, for the log (through LogText); {@code null} if none. */
    String requestLine() {
        return requestLine;
    }

    HttpRefusal withRequestLine(String line) {
        this.requestLine = line;
        return this;
    }

    String reason() {
        return getMessage();
    }
}
