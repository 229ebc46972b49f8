package org.uplift.repository.http;

/**
 * A parsed request head; only what serving a ticket needs.
 *
 * @param method        GET, HEAD, PUT or another token (refused later with 405)
 * @param target        the request target as sent, already checked to be printable ASCII (for logs, through LogText)
 * @param name          the ticket file name the target names, checked to be a plain name
 * @param contentLength the declared body length, or -1 if none was declared
 * @param chunked       the body comes with {@code Transfer-Encoding: chunked}
 * @param expectContinue the client waits for {@code 100 Continue} before it sends the body
 */
record HttpRequest(String method, String target, String name, long contentLength, boolean chunked,
        boolean expectContinue) {

    boolean hasBody() {
        return chunked || contentLength > 0;
    }
}
