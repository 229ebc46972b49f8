package org.uplift.repository.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request head and chunked body parsers on their own: each refusal for its own reason. */
class RequestParserTest {

    private static final String NAME = "up-abcdefghijklmnopqrst.bin";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/%2e%2e/x.bin | percent-encoded",
            "/up-abc.bin%00 | percent-encoded",
            "/up-abc.bin?x=1 | query or fragment",
            "/up-abc.bin#top | query or fragment",
            "/../up-abc.bin | a path",
            "/.. | a path",
            "/a\\b.bin | a path",
            "/C:x.bin | a path",
            "/up-ab;c.bin | a path",
            "/up-ab$c.bin | a path",
            "/up-\u00e9.bin | a path",
            "/ | a path",
            "//etc/passwd | absolute or authority form",
            "http://127.0.0.1/up-abc.bin | absolute or authority form",
            "up-abc.bin | absolute or authority form",
            "* | absolute or authority form"})
    void givenATargetThatIsNotAPlainName_whenParsed_thenItIsRefusedWith400ForItsReason(String target, String reason) {
        HttpRefusal refusal = assertThrows(HttpRefusal.class, () -> RequestParser.name(target));
        assertEquals(400, refusal.status());
        assertTrue(refusal.reason().contains(reason), refusal.reason());
        assertFalse(refusal.clientMessage().contains(target), "the answer does not echo the target");
    }

    @Test
    void givenAPlainName_whenParsed_thenItIsTheTicketsName() throws Exception {
        assertEquals(NAME, RequestParser.name("/" + NAME));
    }

    @Test
    void givenAGoodPut_whenParsed_thenLengthAndExpectationAreKnownAndTheBodyIsLeftUnread() throws Exception {
        InputStream in = stream(
                "PUT /" + NAME + " HTTP/1.1\r\nHost: h\r\ncontent-length:  12 \r\nExpect: 100-Continue\r\n"
                        + "User-Agent: x\r\n\r\nbody");
        HttpRequest request = RequestParser.read(in);
        assertEquals("PUT", request.method());
        assertEquals(NAME, request.name());
        assertEquals(12, request.contentLength());
        assertTrue(request.expectContinue());
        assertFalse(request.chunked());
        assertArrayEquals("body".getBytes(StandardCharsets.US_ASCII), in.readAllBytes());
    }

    @Test
    void givenBareLineFeeds_whenParsed_thenTheyEndLines() throws Exception {
        assertEquals(NAME, RequestParser.read(stream("GET /" + NAME + " HTTP/1.1\nHost: h\n\n")).name());
    }

    @Test
    void givenAHeadThatStops_whenParsed_thenItIsAnEndOfStreamNotARefusal() {
        assertThrows(EOFException.class, () -> RequestParser.read(stream("GET /" + NAME + " HTTP/1.1\r\nHost:")));
    }

    @Test
    void givenAHeadOfExactlyTheCap_whenParsed_thenItIsTakenAndOneByteMoreIsRefused() throws Exception {
        String start = "GET /" + NAME + " HTTP/1.1\r\nHost: h\r\nX: ";
        int fill = RequestParser.MAX_HEAD - start.length() - 4;
        assertEquals(NAME, RequestParser.read(stream(start + "a".repeat(fill) + "\r\n\r\n")).name());
        HttpRefusal refusal = assertThrows(HttpRefusal.class,
                () -> RequestParser.read(stream(start + "a".repeat(fill + 1) + "\r\n\r\n")));
        assertEquals(431, refusal.status());
    }

    @Test
    void givenAChunkedBody_whenRead_thenTheChunksAreJoinedAndExtensionsAndTrailersDropped() throws Exception {
        InputStream body = new ChunkedBody(
                stream("5;name=x\r\nhello\r\n1\r\n \r\nA\r\n0123456789\r\n0\r\nT: v\r\n\r\nNEXT"));
        assertEquals("hello 0123456789", new String(body.readAllBytes(), StandardCharsets.US_ASCII));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "zz\\r\\nab\\r\\n0\\r\\n\\r\\n | not a hexadecimal number",
            "-1\\r\\nab\\r\\n0\\r\\n\\r\\n | not a hexadecimal number",
            "1234567890abcdef0\\r\\n | not a hexadecimal number",
            "2\\r\\nabc\\r\\n0\\r\\n\\r\\n | longer than its size"})
    void givenBadChunkFraming_whenRead_thenItIsMalformed(String framing, String reason) {
        InputStream body = new ChunkedBody(stream(framing.replace("\\r\\n", "\r\n")));
        IOException e = assertThrows(ChunkedBody.MalformedBody.class, body::readAllBytes);
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void givenAChunkedBodyThatStops_whenRead_thenItIsCutShortNotComplete() {
        assertThrows(EOFException.class, () -> new ChunkedBody(stream("5\r\nhel")).readAllBytes());
        assertThrows(EOFException.class, () -> new ChunkedBody(stream("5\r\nhello\r\n")).readAllBytes());
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
    }
}
