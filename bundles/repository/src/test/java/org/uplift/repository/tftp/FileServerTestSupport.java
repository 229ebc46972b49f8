package org.uplift.repository.tftp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.uplift.api.repository.TransferProgress;
import org.uplift.api.repository.TransferTicket;
import org.uplift.repository.testing.Configs;

/**
 * What the file server's tests share: a server on loopback, every protocol on a free port and its
 * staging folder in the test's temporary folder, started before and stopped after each test; files
 * of random bytes; waiting for a transfer the client finished to be complete on the server's side.
 */
abstract class FileServerTestSupport {

    static final Duration TTL = Duration.ofMinutes(5);

    @TempDir
    Path temp;

    final InetAddress loopback = InetAddress.getLoopbackAddress();
    TftpFileServer server;

    /** The settings every server of the test class starts with; the staging folder is added. */
    Map<String, Object> config() {
        return Map.of("port", 0, "ftpPort", 0, "httpPort", 0);
    }

    /** Called after each (re)start with the settings used, for a test that keeps a port. */
    void started(Map<String, Object> settings) throws Exception {
    }

    @BeforeEach
    final void startServer() throws Exception {
        restart(Map.of());
    }

    @AfterEach
    final void stopServer() {
        server.deactivate();
    }

    /** Replaces the running server by one with {@code overrides} over {@link #config()}. */
    final void restart(Map<String, ?> overrides) throws Exception {
        if (server != null) {
            server.deactivate();
        }
        Map<String, Object> settings = settings(overrides);
        server = new TftpFileServer(Configs.of(TftpFileServer.Config.class, settings));
        started(settings);
    }

    /** A server besides the running one, with {@code overrides} over {@link #config()}. */
    final TftpFileServer start(Map<String, ?> overrides) throws IOException {
        return new TftpFileServer(Configs.of(TftpFileServer.Config.class, settings(overrides)));
    }

    private Map<String, Object> settings(Map<String, ?> overrides) {
        Map<String, Object> settings = new HashMap<>(config());
        settings.put("stagingDirectory", temp.resolve("staging").toString());
        settings.putAll(overrides);
        return settings;
    }

    /** A file of {@code size} random bytes, the same bytes for the same size. */
    final Path file(int size) throws IOException {
        return Files.write(temp.resolve("source-" + size + ".bin"), random(size));
    }

    static byte[] random(int size) {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        return content;
    }

    /** Whether the ticket's transfer completes within 2 s: a client may finish before the server's thread has. */
    final boolean completes(TransferTicket ticket) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (server.progress(ticket.id()).orElseThrow().completed()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** The file a completed upload left. */
    final Path uploaded(TransferTicket ticket) throws InterruptedException {
        if (!completes(ticket)) {
            throw new AssertionError("upload not completed: " + server.progress(ticket.id()));
        }
        TransferProgress progress = server.progress(ticket.id()).orElseThrow();
        return progress.receivedFile();
    }
}
