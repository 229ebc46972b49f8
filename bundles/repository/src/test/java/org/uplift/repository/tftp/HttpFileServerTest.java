package org.uplift.repository.tftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.repository.Endpoint;
import org.uplift.api.repository.RepositoryException;
import org.uplift.api.repository.TransferProgress;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.repository.TransferTicket;
import org.uplift.repository.testing.Permissions;

/**
 * The HTTP side of the ticketed file server: the JDK's HttpClient for what devices do, raw sockets for
 * what they must not (other addresses, paths, methods, oversize bodies, slow or silent connections).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpFileServerTest extends FileServerTestSupport {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int port;

    @Override
    Map<String, Object> config() {
        return Map.of("port", 0, "ftpEnabled", false, "httpPort", 0);
    }

    @Override
    void started(Map<String, Object> settings) throws Exception {
        port = Boolean.FALSE.equals(settings.get("httpEnabled")) ? 0 : server.endpoint(TransferProtocol.HTTP).port();
    }

    @Test
    void givenAReadTicket_whenTheDeviceGetsIt_thenTheBytesMatchAndProgressShowsItCompleted() throws Exception {
        byte[] content = random(3_000_000);
        TransferTicket ticket = server.offer(Files.write(temp.resolve("fw.bin"), content), loopback, TTL);

        HttpResponse<byte[]> response = client.send(get(ticket.fileName()), BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        assertArrayEquals(content, response.body());
        assertEquals("application/octet-stream", response.headers().firstValue("Content-Type").orElseThrow());
        TransferProgress progress = awaitCompleted(ticket);
        assertEquals(content.length, progress.bytes());
        assertNull(progress.receivedFile());
    }

    @Test
    void givenAReadTicket_whenTheDeviceAsksHead_thenItLearnsTheSizeAndNoTransferIsCounted() throws Exception {
        TransferTicket ticket = server.offer(Files.write(temp.resolve("fw.bin"), random(12_345)), loopback, TTL);

        HttpResponse<Void> response = client.send(request(ticket.fileName()).method("HEAD", BodyPublishers.noBody())
                .build(), BodyHandlers.discarding());

        assertEquals(200, response.statusCode());
        assertEquals("12345", response.headers().firstValue("Content-Length").orElseThrow());
        assertFalse(server.progress(ticket.id()).orElseThrow().completed());
    }

    @Test
    void givenAWriteTicket_whenTheDevicePutsItsBackup_thenItIsStagedWholeOnceAndReportedAsReceived()
            throws Exception {
        byte[] content = random(700_000);
        TransferTicket ticket = server.receive(loopback, 1 << 20, TTL);

        HttpResponse<String> response = client.send(put(ticket.fileName(), content), BodyHandlers.ofString());

        assertEquals(201, response.statusCode(), response.body());
        TransferProgress progress = server.progress(ticket.id()).orElseThrow();
        assertTrue(progress.completed(), progress.toString());
        assertEquals(content.length, progress.bytes());
        assertArrayEquals(content, Files.readAllBytes(progress.receivedFile()));
        Permissions.assertPrivateFile(progress.receivedFile());

        HttpResponse<String> again = client.send(put(ticket.fileName(), random(10)), BodyHandlers.ofString());
        assertEquals(409, again.statusCode(), "write-once");
        assertArrayEquals(content, Files.readAllBytes(progress.receivedFile()));
    }

    @Test
    void givenAChunkedUpload_whenItFitsTheCap_thenItIsStoredAndWhenItRunsOverThen413AndNothingIsStored()
            throws Exception {
        byte[] content = random(200_000);
        TransferTicket ticket = server.receive(loopback, 1 << 20, TTL);
        // an InputStream of unknown length makes HttpClient send the body chunked
        HttpResponse<String> stored = client.send(request(ticket.fileName())
                .PUT(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(content))).build(),
                BodyHandlers.ofString());
        assertEquals(201, stored.statusCode(), stored.body());
        assertArrayEquals(content, Files.readAllBytes(server.progress(ticket.id()).orElseThrow().receivedFile()));

        TransferTicket small = server.receive(loopback, 50_000, TTL);
        String head = "PUT /" + small.fileName() + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(head.getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 4; i++) {
            body.write("4e20\r\n".getBytes(StandardCharsets.US_ASCII)); // 20,000 bytes a chunk: 80,000 in all
            body.write(random(20_000));
            body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertEquals(413, status(exchange("127.0.0.1", body.toByteArray())));
        TransferProgress progress = server.progress(small.id()).orElseThrow();
        assertFalse(progress.completed());
        assertTrue(progress.error().contains("cap"), progress.error());
        assertNoUploadLeft(small);
    }

    @Test
    void givenAContentLengthOverTheCap_whenThePutArrives_then413BeforeAnyByteOfTheBodyIsAskedFor() throws Exception {
        TransferTicket ticket = server.receive(loopback, 1000, TTL);
        // the body is never sent: a server that read it, or said 100 Continue, would not answer 413 now
        String answer = text(exchange("127.0.0.1", ("PUT /" + ticket.fileName() + " HTTP/1.1\r\nHost: x\r\n"
                + "Content-Length: 1001\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
        assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
        assertFalse(server.progress(ticket.id()).orElseThrow().completed());
        assertNoUploadLeft(ticket);

        // exactly the cap is fine
        assertEquals(201, client.send(put(ticket.fileName(), random(1000)), BodyHandlers.ofString()).statusCode());
    }

    @Test
    void givenABodyCutShort_whenTheConnectionCloses_thenNothingIsStoredAndTheErrorSaysSo() throws Exception {
        TransferTicket ticket = server.receive(loopback, 1 << 20, TTL);
        try (Socket socket = socket("127.0.0.1")) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /" + ticket.fileName() + " HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(random(500));
            socket.shutdownOutput();
            socket.getInputStream().readAllBytes();
        }
        TransferProgress progress = awaitError(ticket);
        assertFalse(progress.completed());
        assertTrue(progress.error().contains("cut short"), progress.error());
        assertNoUploadLeft(ticket);
    }

    @Test
    void givenAnUploadRunning_whenASecondPutForTheTicketArrives_thenItIsRefusedAndTheFirstCompletes()
            throws Exception {
        TransferTicket ticket = server.receive(loopback, 1 << 20, TTL);
        byte[] content = random(2000);
        try (Socket first = socket("127.0.0.1")) {
            OutputStream out = first.getOutputStream();
            out.write(("PUT /" + ticket.fileName() + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(content, 0, 1000);
            out.flush();
            awaitBytes(ticket, 1000);

            HttpResponse<String> second = client.send(put(ticket.fileName(), random(2000)), BodyHandlers.ofString());
            assertEquals(409, second.statusCode(), "a second upload while the first runs");

            out.write(content, 1000, 1000);
            assertTrue(text(first.getInputStream().readAllBytes()).startsWith("HTTP/1.1 201 "));
        }
        assertArrayEquals(content, Files.readAllBytes(server.progress(ticket.id()).orElseThrow().receivedFile()));
    }

    @Test
    void givenATicketThatAlsoAdmitsTheDevicesTransferSource_whenAskedFromThere_thenServedAndAThirdAddressIsRefused()
            throws Exception {
        TransferTicket read = server.offer(Files.write(temp.resolve("fw.bin"), random(100)), loopback,
                Set.of(InetAddress.getByName("127.0.0.3")), TTL);

        assertEquals(200, status(exchange("127.0.0.3", head("GET", "/" + read.fileName()))));
        assertEquals(403, status(exchange("127.0.0.2", head("GET", "/" + read.fileName()))));
    }

    @Test
    void givenAnotherSourceAddress_whenItAsksForTheTicketsFile_then403AndNothingMoves() throws Exception {
        TransferTicket read = server.offer(Files.write(temp.resolve("fw.bin"), random(100)), loopback, TTL);
        TransferTicket write = server.receive(loopback, 1000, TTL);

        assertEquals(403, status(exchange("127.0.0.2", head("GET", "/" + read.fileName()))));
        assertEquals(403, status(exchange("127.0.0.2", ("PUT /" + write.fileName()
                + " HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc").getBytes(StandardCharsets.US_ASCII))));

        assertEquals(0, server.progress(read.id()).orElseThrow().bytes());
        assertFalse(server.progress(write.id()).orElseThrow().completed());
        assertNoUploadLeft(write);
    }

    @Test
    void givenTheWrongMethod_whenTheTicketGoesTheOtherWay_then405NamingWhatIsAllowed() throws Exception {
        TransferTicket read = server.offer(Files.write(temp.resolve("fw.bin"), random(100)), loopback, TTL);
        TransferTicket write = server.receive(loopback, 1000, TTL);

        HttpResponse<String> putToRead = client.send(put(read.fileName(), random(10)), BodyHandlers.ofString());
        assertEquals(405, putToRead.statusCode());
        assertEquals("GET, HEAD", putToRead.headers().firstValue("Allow").orElseThrow());

        HttpResponse<String> getOfWrite = client.send(get(write.fileName()), BodyHandlers.ofString());
        assertEquals(405, getOfWrite.statusCode());
        assertEquals("PUT", getOfWrite.headers().firstValue("Allow").orElseThrow());

        for (String method : new String[]{"DELETE", "POST", "OPTIONS", "TRACE"}) {
            assertEquals(405, status(exchange("127.0.0.1", head(method, "/" + read.fileName()))), method);
        }
        assertEquals(0, server.progress(read.id()).orElseThrow().bytes());
        assertFalse(server.progress(write.id()).orElseThrow().completed());
    }

    @Test
    void givenPathsInsteadOfTheName_whenRequested_then400AndTheAnswerDoesNotEchoThem() throws Exception {
        TransferTicket ticket = server.offer(Files.write(temp.resolve("fw.bin"), random(100)), loopback, TTL);
        String name = ticket.fileName();
        for (String target : new String[]{"/../" + name, "/./" + name, "/%2e%2e/" + name, "/%2E%2E%2F" + name,
                "/" + name + "%00", "/" + name + "?x=1", "/" + name + "?", "/" + name + "#f", "/a\\..\\" + name,
                "//etc/passwd", "/etc/passwd", "http://127.0.0.1/" + name, "*", name, "/", "/..", "/sub/" + name,
                "/C:passwd"}) {
            byte[] answer = exchange("127.0.0.1", head("GET", target));
            assertEquals(400, status(answer), target);
            assertFalse(text(answer).contains("passwd") || text(answer).contains(name), "echoes " + target);
        }
        byte[] nul = head("GET", "/" + name + "X");
        nul[5 + name.length()] = 0;
        assertEquals(400, status(exchange("127.0.0.1", nul)), "NUL in the target");
        assertEquals(404, status(exchange("127.0.0.1", head("GET", "/up-aaaaaaaaaaaaaaaaaaaa.bin"))), "no ticket");
        assertEquals(0, server.progress(ticket.id()).orElseThrow().bytes());
    }

    @Test
    void givenAMalformedHead_whenItArrives_thenItIsRefusedWithTheMatchingStatus() throws Exception {
        TransferTicket ticket = server.offer(Files.write(temp.resolve("fw.bin"), random(100)), loopback, TTL);
        String target = "/" + ticket.fileName();
        Map<String, Integer> heads = new HashMap<>();
        heads.put("GET " + target + " HTTP/1.1\r\n\r\n", 400); // no Host
        heads.put("GET " + target + " HTTP/2.0\r\nHost: x\r\n\r\n", 505);
        heads.put("GET " + target + " HTTP/1.1 extra\r\nHost: x\r\n\r\n", 400);
        heads.put("GET  " + target + " HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        heads.put("get " + target + " HTTP/1.1\r\nHost: x\r\n\r\n", 400);
        heads.put("GET " + target + " HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400);
        heads.put("GET " + target + " HTTP/1.1\r\nHost : x\r\n\r\n", 400);
        heads.put("GET " + target + " HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400);
        heads.put("PUT " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n",
                400);
        heads.put("PUT " + target + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 501);
        heads.put("PUT " + target + " HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", 400);
        heads.put("GET " + target + " HTTP/1.1\r\nHost: x\r\nExpect: something\r\n\r\n", 417);
        heads.put("GET " + target + " HTTP/1.1\r\nHost: x\rX: y\r\n\r\n", 400);
        heads.put("GET " + target + " HTTP/1.1\r\nHost: x\r\nX-Long: " + "a".repeat(9000) + "\r\n\r\n", 431);
        for (Map.Entry<String, Integer> head : heads.entrySet()) {
            byte[] answer = exchange("127.0.0.1", head.getKey().getBytes(StandardCharsets.ISO_8859_1));
            String shown = head.getKey().replace("\r\n", "|");
            assertEquals(head.getValue(), status(answer), shown.substring(0, Math.min(120, shown.length())));
        }
        assertEquals(200, status(exchange("127.0.0.1", ("GET " + target + " HTTP/1.0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII))), "HTTP/1.0 needs no Host");
    }

    @Test
    void givenAPutWithoutLength_whenItArrives_then411() throws Exception {
        TransferTicket ticket = server.receive(loopback, 1000, TTL);
        assertEquals(411, status(exchange("127.0.0.1", head("PUT", "/" + ticket.fileName()))));
    }

    @Test
    void givenAnExpiredOrClosedTicket_whenItIsRequested_thenItIsRefused() throws Exception {
        TransferTicket expired = server.offer(Files.write(temp.resolve("fw.bin"), random(100)), loopback,
                Duration.ofMillis(200));
        Thread.sleep(300);
        assertEquals(403, client.send(get(expired.fileName()), BodyHandlers.ofString()).statusCode(), "expired");

        TransferTicket closed = server.offer(Files.write(temp.resolve("fw2.bin"), random(100)), loopback, TTL);
        server.close(closed.id());
        assertEquals(404, client.send(get(closed.fileName()), BodyHandlers.ofString()).statusCode(), "closed");
    }

    @Test
    void givenAClientDribblingItsHead_whenTheHeaderTimeOutPasses_thenTheConnectionIsClosed() throws Exception {
        restart(Map.of("httpHeaderSeconds", 1));
        TransferTicket ticket = server.offer(Files.write(temp.resolve("fw.bin"), random(100)), loopback, TTL);
        try (Socket socket = socket("127.0.0.1")) {
            socket.setSoTimeout(200);
            byte[] head = head("GET", "/" + ticket.fileName());
            long started = System.nanoTime();
            boolean closed = false;
            for (int i = 0; i < head.length - 1 && !closed; i++) {
                try {
                    socket.getOutputStream().write(head[i]);
                    closed = socket.getInputStream().read() < 0;
                } catch (SocketTimeoutException e) {
                    // still open: keep dribbling, a byte every 200 ms
                } catch (IOException e) {
                    closed = true;
                }
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(closed, "the connection is still open after " + millis + " ms");
            assertTrue(millis >= 900 && millis < 3000, "closed after " + millis + " ms");
        }
        await(() -> server.httpConnections() == 0, "the slot is given back");
    }

    @Test
    void givenAnUploadThatStalls_whenTheIdleTimeOutPasses_thenItIsCutOffAndNothingIsStored() throws Exception {
        restart(Map.of("httpIdleSeconds", 1));
        TransferTicket ticket = server.receive(loopback, 1 << 20, TTL);
        try (Socket socket = socket("127.0.0.1")) {
            socket.getOutputStream().write(("PUT /" + ticket.fileName()
                    + " HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n0123456789")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(5000);
            long started = System.nanoTime();
            socket.getInputStream().readAllBytes();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(millis < 3000, "closed after " + millis + " ms");
        }
        TransferProgress progress = awaitError(ticket);
        assertTrue(progress.error().contains("httpIdleSeconds"), progress.error());
        assertNoUploadLeft(ticket);
        // the ticket is free again: a device that retries succeeds
        assertEquals(201, client.send(put(ticket.fileName(), random(1000)), BodyHandlers.ofString()).statusCode());
    }

    @Test
    void givenAnAddressAtItsConnectionLimit_whenItConnectsAgain_then503WhileAnotherAddressGetsIn() throws Exception {
        restart(Map.of("httpMaxConnectionsPerAddress", 2));
        try (Socket first = socket("127.0.0.1"); Socket second = socket("127.0.0.1")) {
            await(() -> server.httpConnections() == 2, "two connections counted");
            assertEquals(503, status(exchange("127.0.0.1", head("GET", "/up-aaaaaaaaaaaaaaaaaaaa.bin"))));
            assertEquals(404, status(exchange("127.0.0.2", head("GET", "/up-aaaaaaaaaaaaaaaaaaaa.bin"))));
        }
        await(() -> server.httpConnections() == 0, "slots given back");
        assertEquals(404, status(exchange("127.0.0.1", head("GET", "/up-aaaaaaaaaaaaaaaaaaaa.bin"))));
    }

    @Test
    void givenTheServerAtItsConnectionLimit_whenAnyAddressConnects_then503() throws Exception {
        restart(Map.of("httpMaxConnections", 2));
        try (Socket first = socket("127.0.0.1"); Socket second = socket("127.0.0.2")) {
            await(() -> server.httpConnections() == 2, "two connections counted");
            assertEquals(503, status(exchange("127.0.0.3", head("GET", "/up-aaaaaaaaaaaaaaaaaaaa.bin"))));
        }
    }

    @Test
    void givenTheEndpoint_whenAsked_thenItIsTheAdvertisedAddressAndTheHttpPort() throws Exception {
        restart(Map.of("advertisedAddress", "192.0.2.7"));
        Endpoint endpoint = server.endpoint(TransferProtocol.HTTP);
        assertEquals(new Endpoint(TransferProtocol.HTTP, "192.0.2.7", port), endpoint);
        assertTrue(port > 0);

        restart(Map.of("httpEnabled", false));
        assertThrows(RepositoryException.class, () -> server.endpoint(TransferProtocol.HTTP));
        assertEquals(TransferProtocol.TFTP, server.endpoint(TransferProtocol.TFTP).protocol());
    }

    @Test
    void givenTheServerBoundToIpv6Loopback_whenTheDeviceGetsAndPuts_thenItWorks() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        restart(Map.of("bindAddress", "::1"));
        Endpoint endpoint = server.endpoint(TransferProtocol.HTTP);
        assertEquals(v6, InetAddress.getByName(endpoint.host()), endpoint.host());
        String base = "http://[" + endpoint.host() + "]:" + endpoint.port() + "/";

        byte[] content = random(100_000);
        TransferTicket read = server.offer(Files.write(temp.resolve("fw.bin"), content), v6, TTL);
        HttpResponse<byte[]> got = client.send(HttpRequest.newBuilder(URI.create(base + read.fileName())).build(),
                BodyHandlers.ofByteArray());
        assertEquals(200, got.statusCode());
        assertArrayEquals(content, got.body());

        TransferTicket write = server.receive(v6, 1 << 20, TTL);
        assertEquals(201, client.send(HttpRequest.newBuilder(URI.create(base + write.fileName()))
                .PUT(BodyPublishers.ofByteArray(content)).build(), BodyHandlers.ofString()).statusCode());
        assertArrayEquals(content, Files.readAllBytes(server.progress(write.id()).orElseThrow().receivedFile()));

        TransferTicket forV4 = server.offer(Files.write(temp.resolve("fw2.bin"), content), loopback, TTL);
        assertEquals(403, client.send(HttpRequest.newBuilder(URI.create(base + forV4.fileName())).build(),
                BodyHandlers.ofString()).statusCode(), "a ticket for 127.0.0.1 is not good from ::1");
    }

    @Test
    void givenTheServerStopped_whenItsThreadsAreCounted_thenNoneIsLeft() throws Exception {
        TransferTicket ticket = server.offer(Files.write(temp.resolve("fw.bin"), random(1000)), loopback, TTL);
        assertEquals(200, client.send(get(ticket.fileName()), BodyHandlers.ofByteArray()).statusCode());
        try (Socket idle = socket("127.0.0.1")) {
            await(() -> server.httpConnections() == 1, "the idle connection counted");
            server.deactivate();
            await(() -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().startsWith("uplift-http-")), "no uplift-http- thread left");
            assertEquals(-1, idle.getInputStream().read(), "open connections are closed");
        }
        restart(Map.of()); // for stop()
    }

    private HttpRequest.Builder request(String name) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + name))
                .timeout(Duration.ofSeconds(10));
    }

    private HttpRequest get(String name) {
        return request(name).GET().build();
    }

    private HttpRequest put(String name, byte[] content) {
        return request(name).PUT(BodyPublishers.ofByteArray(content)).build();
    }

    private Socket socket(String from) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends the bytes from the given source address and returns all the server answers before it closes. */
    private byte[] exchange(String from, byte[] request) throws IOException {
        try (Socket socket = socket(from)) {
            try {
                socket.getOutputStream().write(request);
            } catch (IOException e) {
                // answered and closed before the whole request was sent: the answer is still there
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                in.transferTo(answer);
            } catch (IOException e) {
                // reset after the answer
            }
            return answer.toByteArray();
        }
    }

    private static byte[] head(String method, String target) {
        return (method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static int status(byte[] answer) {
        String text = text(answer);
        assertTrue(text.matches("(?s)HTTP/1\\.1 \\d{3} .*"), "not an HTTP answer: " + text);
        return Integer.parseInt(text.substring(9, 12));
    }

    private static String text(byte[] answer) {
        return new String(answer, StandardCharsets.ISO_8859_1);
    }

    private TransferProgress awaitCompleted(TransferTicket ticket) throws InterruptedException {
        await(() -> server.progress(ticket.id()).orElseThrow().completed(), "completed");
        return server.progress(ticket.id()).orElseThrow();
    }

    private TransferProgress awaitError(TransferTicket ticket) throws InterruptedException {
        await(() -> server.progress(ticket.id()).orElseThrow().error() != null, "an error recorded");
        return server.progress(ticket.id()).orElseThrow();
    }

    private void awaitBytes(TransferTicket ticket, long bytes) throws InterruptedException {
        await(() -> server.progress(ticket.id()).orElseThrow().bytes() >= bytes, bytes + " bytes arrived");
    }

    private void assertNoUploadLeft(TransferTicket ticket) throws IOException {
        try (var staged = Files.list(temp.resolve("staging"))) {
            assertEquals(0, staged.filter(f -> f.getFileName().toString().startsWith(ticket.fileName())).count(),
                    "nothing of " + ticket.fileName() + " left in staging");
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 250; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not within 5 s: " + what);
    }
}
