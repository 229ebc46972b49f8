package org.uplift.simulator.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/** The device's HTTP client against the JDK's HTTP server on the loopback. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class HttpTest {

    private static final InetAddress DEVICE = address("127.0.0.7");

    private HttpServer server;
    private ExecutorService handlers;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final Map<String, byte[]> received = new ConcurrentHashMap<>();
    private final Map<String, String> sources = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean chunked;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        sources.put(exchange.getRequestMethod() + " " + path,
                exchange.getRemoteAddress().getAddress().getHostAddress());
        try (exchange) {
            if (path.equals("/forbidden")) {
                exchange.sendResponseHeaders(403, -1);
            } else if (path.equals("/slow")) {
                release.await(10, TimeUnit.SECONDS);
                exchange.sendResponseHeaders(500, -1);
            } else if (exchange.getRequestMethod().equals("PUT")) {
                received.put(path, exchange.getRequestBody().readAllBytes());
                exchange.sendResponseHeaders(201, -1);
            } else if (served.containsKey(path)) {
                byte[] body = served.get(path);
                exchange.sendResponseHeaders(200, chunked ? 0 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void givenAnImage_whenDownloaded_thenEveryByteArrives() throws Exception {
        byte[] image = random(300_000);
        served.put("/up-abc.img", image);

        assertArrayEquals(image, http().download(request("up-abc.img"), 1 << 20));

        chunked = true;
        assertArrayEquals(image, http().download(request("up-abc.img"), 1 << 20), "chunked transfer coding");
    }

    @Test
    void givenAConfiguration_whenUploaded_thenTheServerGetsItByPut() throws Exception {
        byte[] config = random(70_000);

        assertEquals(config.length, http().upload(request("up-cfg.txt"), config));

        assertArrayEquals(config, received.get("/up-cfg.txt"));
    }

    @Test
    void givenAFileAboveTheCap_whenDownloaded_thenItIsRefused() {
        served.put("/big.img", random(10_000));

        TransferFailure byLength = assertThrows(TransferFailure.class,
                () -> http().download(request("big.img"), 4_096));
        assertEquals(FailCause.NO_MEMORY, byLength.failCause(), byLength.getMessage());

        chunked = true; // no length up front: the cap must stop the reading itself
        TransferFailure whileReading = assertThrows(TransferFailure.class,
                () -> http().download(request("big.img"), 4_096));
        assertEquals(FailCause.NO_MEMORY, whileReading.failCause(), whileReading.getMessage());
        assertTrue(whileReading.bytes() <= 4_096, "bytes kept: " + whileReading.bytes());
    }

    @Test
    void givenAnUnknownFile_whenDownloaded_thenBadFileName() {
        TransferFailure failure = assertThrows(TransferFailure.class, () -> http().download(request("gone.img"), 100));

        assertEquals(FailCause.BAD_FILE_NAME, failure.failCause());
        assertTrue(failure.getMessage().contains("HTTP 404"), failure.getMessage());
    }

    @Test
    void givenARefusal_whenDownloaded_thenTransferFailed() {
        TransferFailure failure = assertThrows(TransferFailure.class, () -> http().download(request("forbidden"), 100));

        assertEquals(FailCause.TRANSFER_FAILED, failure.failCause());
        assertTrue(failure.getMessage().contains("HTTP 403"), failure.getMessage());
    }

    @Test
    void givenAServerThatDoesNotAnswer_whenDownloaded_thenTimeout() {
        TransferFailure failure = assertThrows(TransferFailure.class, () -> http().download(request("slow"), 100));

        assertEquals(FailCause.TIMEOUT, failure.failCause(), failure.getMessage());
    }

    @Test
    void transfersComeFromTheDevicesAddress() throws Exception {
        served.put("/up-src.img", random(10));

        http().download(request("up-src.img"), 100);
        http().upload(request("up-src.cfg"), random(10));

        assertEquals(DEVICE.getHostAddress(), sources.get("GET /up-src.img"));
        assertEquals(DEVICE.getHostAddress(), sources.get("PUT /up-src.cfg"));
    }

    @Test
    void theFileNameIsOneEncodedPathSegment_andIpv6LiteralsAreBracketed() throws Exception {
        assertEquals("/up-a.b_c~d", Http.path("up-a.b_c~d"));
        assertEquals("/a%20b%2F..%2Fc%C3%BC", Http.path("a b/../cü"));
        assertEquals("[0:0:0:0:0:0:0:1]:8080", Http.authority(InetAddress.getByName("::1"), 8080));
        assertEquals("127.0.0.1:80", Http.authority(InetAddress.getByName("127.0.0.1"), 80));
    }

    @Test
    void transfersDispatchHttpByProtocolThree() throws Exception {
        byte[] image = random(1_000);
        served.put("/up-t.img", image);

        assertArrayEquals(image, new Transfers(DEVICE, Duration.ofMillis(500), 2).download(request("up-t.img"), 2_000));
    }

    private Http http() {
        return new Http(DEVICE, Duration.ofMillis(500));
    }

    private OpRequest request(String fileName) {
        return new OpRequest(0, OpType.DOWNLOAD_FIRMWARE, OpRequest.PROTOCOL_HTTP, server.getAddress().getAddress(),
                server.getAddress().getPort(), fileName);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
