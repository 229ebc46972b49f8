package org.uplift.repository.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Response heads and the short text bodies of errors. Every response closes the connection: one
 * request per connection keeps the server simple and a device needs no more.
 */
final class Responses {

    private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(100, "Continue"),
            Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(400, "Bad Request"),
            Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
            Map.entry(409, "Conflict"), Map.entry(411, "Length Required"), Map.entry(413, "Content Too Large"),
            Map.entry(417, "Expectation Failed"), Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"), Map.entry(501, "Not Implemented"),
            Map.entry(503, "Service Unavailable"), Map.entry(505, "HTTP Version Not Supported"));

    static final ByteBuffer CONTINUE = ByteBuffer.wrap("HTTP/1.1 100 Continue\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

    private Responses() {
    }

    /** The head of a download (or of a HEAD's answer). */
    static ByteBuffer file(long size) {
        return head(200, size, "application/octet-stream", null);
    }

    /**
     * A whole response with a one-line text body; the text is the server's own, never the client's.
     *
     * @param allow the {@code Allow} header of a 405, else {@code null}
     */
    static ByteBuffer text(int status, String message, String allow) {
        byte[] body = (message + "\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer head = head(status, body.length, "text/plain; charset=us-ascii", allow);
        return ByteBuffer.allocate(head.remaining() + body.length).put(head).put(body).flip();
    }

    private static ByteBuffer head(int status, long length, String type, String allow) {
        StringBuilder head = new StringBuilder(256).append("HTTP/1.1 ").append(status).append(' ')
                .append(REASONS.getOrDefault(status, "Error")).append("\r\n");
        head.append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .append("\r\n");
        head.append("Content-Type: ").append(type).append("\r\n");
        head.append("Content-Length: ").append(length).append("\r\n");
        if (allow != null) {
            head.append("Allow: ").append(allow).append("\r\n");
        }
        if (status == 503) {
            head.append("Retry-After: 5\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
