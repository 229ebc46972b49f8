package org.uplift.repository.tftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.uplift.api.repository.FtpCredentials;
import org.uplift.api.repository.TransferProgress;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.repository.TransferTicket;
import org.uplift.repository.testing.Configs;

/**
 * FTP downloads and uploads with real third-party clients, passive mode on loopback: lftp and curl.
 * Skipped when a client is missing, unless {@code -Duplift.interop.required=true}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FtpInteropTest {

    private static final Duration TTL = Duration.ofMinutes(5);

    @TempDir
    Path temp;

    private final InetAddress loopback = InetAddress.getLoopbackAddress();
    private TftpFileServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = new TftpFileServer(Configs.of(TftpFileServer.Config.class,
                Map.of("port", 0, "ftpPort", 0, "httpPort", 0, "stagingDirectory", temp.resolve("staging").toString())));
        port = server.endpoint(TransferProtocol.FTP).port();
    }

    @AfterEach
    void stop() {
        server.deactivate();
    }

    @Test
    void givenLftp_whenItDownloadsAndUploads_thenTheFilesMatchByteForByte() throws Exception {
        String lftp = require("/usr/bin/lftp", "lftp");
        for (int size : new int[] {1, 100_000, 3_000_000}) {
            Path source = file(size);
            TransferTicket read = server.offer(source, loopback, TTL);
            Path downloaded = temp.resolve("lftp-down-" + size);
            run(lftp, "-c", lftpOpen(read) + "; get " + read.fileName() + " -o " + downloaded);
            assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(downloaded), "lftp get of " + size);

            TransferTicket write = server.receive(loopback, 4 << 20, TTL);
            run(lftp, "-c", lftpOpen(write) + "; put " + source + " -o " + write.fileName());
            assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(uploaded(write)), "lftp put of " + size);
        }
    }

    @Test
    void givenCurl_whenItDownloadsAndUploads_thenTheFilesMatchByteForByte() throws Exception {
        String curl = require("/usr/bin/curl", "curl");
        for (int size : new int[] {1, 100_000, 3_000_000}) {
            Path source = file(size);
            TransferTicket read = server.offer(source, loopback, TTL);
            Path downloaded = temp.resolve("curl-down-" + size);
            run(curl, "-sS", "--ftp-pasv", "-o", downloaded.toString(), url(read));
            assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(downloaded), "curl get of " + size);

            TransferTicket write = server.receive(loopback, 4 << 20, TTL);
            run(curl, "-sS", "--ftp-pasv", "-T", source.toString(), url(write));
            assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(uploaded(write)), "curl put of " + size);
        }
    }

    @Test
    void givenCurl_whenItTriesWhatTheTicketDoesNotAllow_thenItIsRefused() throws Exception {
        String curl = require("/usr/bin/curl", "curl");
        Path source = file(5000);
        TransferTicket read = server.offer(source, loopback, TTL);
        TransferTicket write = server.receive(loopback, 1000, TTL);
        FtpCredentials r = server.ftpCredentials(read.id()).orElseThrow();
        String base = "ftp://127.0.0.1:" + port + "/";
        String out = temp.resolve("refused").toString();

        // curl's exit codes: 67 login denied, 78 remote file not found
        assertEquals(67, exec(curl, "-sS", "--interface", "127.0.0.2", "-o", out, url(read)).exitCode,
                "from another address");
        assertEquals(67, exec(curl, "-sS", "-u", r.user() + ":wrong", "-o", out, base + read.fileName()).exitCode,
                "wrong password");
        assertEquals(67, exec(curl, "-sS", "-o", out, base + read.fileName()).exitCode, "anonymous");
        assertEquals(78, exec(curl, "-sS", "-u", r.user() + ":" + r.password(), "-o", out,
                base + write.fileName()).exitCode, "another ticket's file");
        // curl walks the path with CWD: 9 is "access denied to the remote directory"
        assertEquals(9, exec(curl, "-sS", "--path-as-is", "-u", r.user() + ":" + r.password(), "-o", out,
                base + "../" + read.fileName()).exitCode, "a path with ..");
        assertTrue(exec(curl, "-sS", "-T", source.toString(), url(read)).exitCode != 0, "write to a read ticket");
        assertEquals(78, exec(curl, "-sS", "-o", out, url(write)).exitCode, "read of a write ticket");
        assertTrue(exec(curl, "-sS", "-T", source.toString(), url(write)).exitCode != 0, "upload over the cap");
        assertFalse(server.progress(write.id()).orElseThrow().completed());

        server.close(read.id());
        assertEquals(67, exec(curl, "-sS", "-o", out, base.replace("ftp://", "ftp://" + r.user() + ":"
                + r.password() + "@") + read.fileName()).exitCode, "closed ticket");
    }

    private String url(TransferTicket ticket) {
        FtpCredentials credentials = server.ftpCredentials(ticket.id()).orElseThrow();
        return "ftp://" + credentials.user() + ":" + credentials.password() + "@127.0.0.1:" + port + "/"
                + ticket.fileName();
    }

    private String lftpOpen(TransferTicket ticket) {
        FtpCredentials credentials = server.ftpCredentials(ticket.id()).orElseThrow();
        return "set cmd:fail-exit yes; set net:max-retries 1; set ftp:passive-mode on; set ftp:ssl-allow no;"
                + " open -u " + credentials.user() + "," + credentials.password() + " -p " + port + " 127.0.0.1";
    }

    private Path uploaded(TransferTicket ticket) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            TransferProgress progress = server.progress(ticket.id()).orElseThrow();
            if (progress.completed()) {
                return progress.receivedFile();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("upload not completed: " + server.progress(ticket.id()));
    }

    private Path file(int size) throws IOException {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        return Files.write(temp.resolve("source-" + size + ".bin"), content);
    }

    private static String require(String program, String debianPackage) {
        if (Files.isExecutable(Path.of(program))) {
            return program;
        }
        String message = program + " is missing; install the Debian package " + debianPackage
                + " (apt-get install " + debianPackage + ")";
        if (Boolean.getBoolean("uplift.interop.required")) {
            fail(message + " (uplift.interop.required is true)");
        }
        Assumptions.abort(message);
        return program;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result exec(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command[0] + " did not finish within 30 s");
        }
        return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** The command is not shown on failure: it holds the ticket's password. */
    private static void run(String... command) throws IOException, InterruptedException {
        Result result = exec(command);
        assertEquals(0, result.exitCode, command[0] + " failed:\n" + result.output);
    }
}
