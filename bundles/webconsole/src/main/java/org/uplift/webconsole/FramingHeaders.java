package org.uplift.webconsole;

import javax.servlet.http.HttpServletResponse;

/**
 * Forbids every other page to frame Uplift's: a page that framed it, invisible, over its own button could make the
 * logged-in operator click Retry or Abort (clickjacking), token and all. {@code X-Frame-Options} for older
 * browsers, the CSP directive for current ones. Karaf's console sends {@code X-Frame-Options: SAMEORIGIN} itself,
 * which still lets any page of the console's origin frame this one; this replaces it.
 */
final class FramingHeaders {

    static final String FRAME_OPTIONS = "X-Frame-Options";
    static final String CSP = "Content-Security-Policy";

    private FramingHeaders() {
    }

    /**
     * Sets both headers. On the page itself the console has already written its own header HTML by now; that is
     * still in the response buffer, so the headers go out (WebConsoleIT checks they do).
     */
    static void apply(HttpServletResponse resp) {
        resp.setHeader(FRAME_OPTIONS, "DENY");
        resp.setHeader(CSP, "frame-ancestors 'none'");
    }
}
