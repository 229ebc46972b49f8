package org.uplift.repository.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

import org.uplift.repository.ticket.TicketNames;

/**
 * Reads and checks a request head (RFC 9112), strictly: a request line of three parts, header lines
 * {@code name: value} without folding, at most {@link #MAX_HEAD} bytes in all. The target must be
 * {@code /<name>} with a plain file name: no query, no percent-encoding (a ticket's name never needs
 * it, so {@code %2e%2e} and {@code %00} are refused outright), no path.
 */
final class RequestParser {

    /** Request line and headers together; a device's GET or PUT needs a few hundred bytes. */
    static final int MAX_HEAD = 8192;

    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private RequestParser() {
    }

    static HttpRequest read(InputStream in) throws IOException, HttpRefusal {
        Head head = new Head(in);
        String line = head.line();
        try {
            return parse(line, head);
        } catch (HttpRefusal refusal) {
            throw refusal.withRequestLine(line);
        }
    }

    private static HttpRequest parse(String line, Head head) throws IOException, HttpRefusal {
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || !METHOD.matcher(parts[0]).matches()) {
            throw bad("the request line is not 'METHOD /name HTTP/1.1'");
        }
        String method = parts[0];
        String target = parts[1];
        String version = parts[2];
        if (!version.matches("HTTP/[0-9]\\.[0-9]")) {
            throw bad("the request line is not 'METHOD /name HTTP/1.1'");
        }
        if (!"HTTP/1.1".equals(version) && !"HTTP/1.0".equals(version)) {
            throw new HttpRefusal(505, "HTTP version not supported", "version " + version + " requested");
        }
        String name = name(target);

        String host = null;
        String length = null;
        String transferEncoding = null;
        String expect = null;
        for (String field = head.line(); !field.isEmpty(); field = head.line()) {
            if (field.charAt(0) == ' ' || field.charAt(0) == '\t') {
                throw bad("a folded header line (obsolete line folding is not accepted)");
            }
            int colon = field.indexOf(':');
            if (colon <= 0 || !TOKEN.matcher(field.substring(0, colon)).matches()) {
                throw bad("a header line is not 'Name: value'");
            }
            String value = field.substring(colon + 1).strip();
            switch (field.substring(0, colon).toLowerCase(Locale.ROOT)) {
                case "host" -> host = once(host, value, "Host");
                case "content-length" -> length = once(length, value, "Content-Length");
                case "transfer-encoding" -> transferEncoding = once(transferEncoding, value, "Transfer-Encoding");
                case "expect" -> expect = once(expect, value, "Expect");
                default -> {
                    // other fields do not change how a ticket is served
                }
            }
        }
        if ("HTTP/1.1".equals(version) && host == null) {
            throw bad("an HTTP/1.1 request without Host");
        }
        // both would let a proxy and this server disagree where the body ends (request smuggling)
        if (length != null && transferEncoding != null) {
            throw bad("both Content-Length and Transfer-Encoding");
        }
        boolean chunked = false;
        if (transferEncoding != null) {
            if (!"chunked".equalsIgnoreCase(transferEncoding) || "HTTP/1.0".equals(version)) {
                throw new HttpRefusal(501, "transfer encoding not supported",
                        "Transfer-Encoding other than chunked, or on HTTP/1.0");
            }
            chunked = true;
        }
        long contentLength = -1;
        if (length != null) {
            if (!DIGITS.matcher(length).matches()) {
                throw bad("Content-Length is not a number");
            }
            contentLength = Long.parseLong(length);
        }
        boolean expectContinue = false;
        if (expect != null) {
            if (!"100-continue".equalsIgnoreCase(expect)) {
                throw new HttpRefusal(417, "expectation failed", "an Expect other than 100-continue");
            }
            expectContinue = "HTTP/1.1".equals(version);
        }
        return new HttpRequest(method, target, name, contentLength, chunked, expectContinue);
    }

    /** The ticket file name a target names, or a 400. */
    static String name(String target) throws HttpRefusal {
        if (!target.startsWith("/") || target.startsWith("//")) {
            throw bad("the target is not '/<file name>' (absolute or authority form)");
        }
        if (target.indexOf('?') >= 0 || target.indexOf('#') >= 0) {
            throw bad("the target has a query or fragment");
        }
        if (target.indexOf('%') >= 0) {
            throw bad("the target is percent-encoded; ticket names never are");
        }
        String name = target.substring(1);
        if (TicketNames.unsafe(name) || !NAME.matcher(name).matches()) {
            throw bad("the target is a path, not a ticket's file name");
        }
        return name;
    }

    private static String once(String previous, String value, String field) throws HttpRefusal {
        if (previous != null) {
            throw bad(field + " given twice");
        }
        return value;
    }

    private static HttpRefusal bad(String reason) {
        return new HttpRefusal(400, "bad request", reason);
    }

    /** The client closed without sending a byte: a port probe, not worth a warning. */
    static final class NoRequest extends EOFException {

        private static final long serialVersionUID = 1L;

        NoRequest() {
            super("the client closed the connection without a request");
        }
    }

    /** The head's lines, counted against {@link #MAX_HEAD}. */
    private static final class Head {

        private final InputStream in;
        private final byte[] line = new byte[MAX_HEAD];
        private int total;

        Head(InputStream in) {
            this.in = in;
        }

        /**
         * The next line without its end; CRLF ends a line, and a bare LF too (RFC 9112 allows it).
         * Control characters other than tab are refused, a bare CR among them.
         */
        String line() throws IOException, HttpRefusal {
            int length = 0;
            while (true) {
                int b = in.read();
                if (b < 0) {
                    throw total == 0 ? new NoRequest()
                            : new EOFException("the client closed the connection within the request head");
                }
                if (++total > MAX_HEAD) {
                    throw new HttpRefusal(431, "request head too large",
                            "the request line and headers exceed " + MAX_HEAD + " bytes");
                }
                if (b == '\n') {
                    if (length > 0 && line[length - 1] == '\r') {
                        length--;
                    }
                    break;
                }
                line[length++] = (byte) b;
            }
            for (int i = 0; i < length; i++) {
                int c = line[i] & 0xff;
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw bad("a control character in the request head");
                }
            }
            return new String(line, 0, length, StandardCharsets.ISO_8859_1);
        }
    }
}
