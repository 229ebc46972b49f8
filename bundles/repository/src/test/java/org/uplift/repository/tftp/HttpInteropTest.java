package org.uplift.repository.tftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.repository.testing.ExternalTools.exec;
import static org.uplift.repository.testing.ExternalTools.require;
import static org.uplift.repository.testing.ExternalTools.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.repository.TransferTicket;
import org.uplift.repository.testing.ExternalTools.Result;

/**
 * HTTP downloads and uploads with real third-party clients on loopback: curl and lftp. Skipped when a
 * client is missing, unless {@code -Duplift.interop.required=true}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class HttpInteropTest extends FileServerTestSupport {

    private String base;

    @Override
    Map<String, Object> config() {
        return Map.of("port", 0, "ftpEnabled", false, "httpPort", 0);
    }

    @Override
    void started(Map<String, Object> settings) throws Exception {
        base = "http://127.0.0.1:" + server.endpoint(TransferProtocol.HTTP).port() + "/";
    }

    @Test
    void givenCurl_whenItGetsAndPuts_thenTheFilesMatchByteForByte() throws Exception {
        String curl = require("/usr/bin/curl", "curl");
        for (int size : new int[]{0, 1, 100_000, 5 * 1024 * 1024 + 3}) {
            Path source = file(size);
            TransferTicket read = server.offer(source, loopback, TTL);
            Path downloaded = temp.resolve("curl-down-" + size);
            run(curl, "-sS", "-f", "-o", downloaded.toString(), base + read.fileName());
            assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(downloaded), "curl GET of " + size);
            assertTrue(completes(read), "GET of " + size + " completed");

            TransferTicket write = server.receive(loopback, 8 << 20, TTL);
            run(curl, "-sS", "-f", "-T", source.toString(), base + write.fileName());
            assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(uploaded(write)), "curl PUT of " + size);
        }
    }

    @Test
    void givenCurlStreamingFromStdin_whenItPutsChunked_thenTheFileMatches() throws Exception {
        String curl = require("/usr/bin/curl", "curl");
        Path source = file(300_000);
        TransferTicket write = server.receive(loopback, 1 << 20, TTL);
        // -T - sends Transfer-Encoding: chunked, as a device streaming a backup of unknown length would
        Process process = new ProcessBuilder(curl, "-sS", "-f", "-T", "-", base + write.fileName())
                .redirectInput(source.toFile()).redirectErrorStream(true).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "curl finished");
        assertEquals(0, process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(uploaded(write)));
    }

    @Test
    void givenCurl_whenItTriesWhatTheTicketDoesNotAllow_thenEachIsRefusedWithItsStatus() throws Exception {
        String curl = require("/usr/bin/curl", "curl");
        Path source = file(5000);
        TransferTicket read = server.offer(source, loopback, TTL);
        TransferTicket write = server.receive(loopback, 1000, TTL);

        assertEquals("403", status(curl, "--interface", "127.0.0.2", base + read.fileName()), "another address");
        assertEquals("404", status(curl, base + "up-aaaaaaaaaaaaaaaaaaaa.bin"), "a name no ticket has");
        assertEquals("400", status(curl, "--path-as-is", base + "../" + read.fileName()), "a path with ..");
        assertEquals("400", status(curl, base + "%2e%2e/" + read.fileName()), "an encoded path");
        assertEquals("400", status(curl, base + read.fileName() + "?x=1"), "a query");
        assertEquals("405", status(curl, "-T", source.toString(), base + read.fileName()), "PUT to a read ticket");
        assertEquals("405", status(curl, base + write.fileName()), "GET of a write ticket");
        assertEquals("405", status(curl, "-X", "DELETE", base + read.fileName()), "DELETE");
        assertEquals("413", status(curl, "-T", source.toString(), base + write.fileName()), "over the cap");
        assertEquals("413", status(curl, "-H", "Expect:", "-T", source.toString(), base + write.fileName()),
                "over the cap, body sent at once");
        assertFalse(server.progress(write.id()).orElseThrow().completed());
        assertEquals(0, server.progress(read.id()).orElseThrow().bytes());

        TransferTicket expired = server.offer(source, loopback, Duration.ofMillis(200));
        Thread.sleep(300);
        assertEquals("403", status(curl, base + expired.fileName()), "expired ticket");
    }

    @Test
    void givenLftp_whenItGetsAndPutsOverHttp_thenTheFilesMatchByteForByte() throws Exception {
        String lftp = require("/usr/bin/lftp", "lftp");
        for (int size : new int[]{1, 100_000, 3_000_000}) {
            Path source = file(size);
            TransferTicket read = server.offer(source, loopback, TTL);
            Path downloaded = temp.resolve("lftp-down-" + size);
            run(lftp, "-c", settings() + " get " + base + read.fileName() + " -o " + downloaded);
            assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(downloaded), "lftp get of " + size);

            TransferTicket write = server.receive(loopback, 4 << 20, TTL);
            run(lftp, "-c", settings() + " put " + source + " -o " + base + write.fileName());
            assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(uploaded(write)), "lftp put of " + size);
        }
    }

    @Test
    void givenLftp_whenItGetsAFileOfAnotherTicketsDirection_thenItFails() throws Exception {
        String lftp = require("/usr/bin/lftp", "lftp");
        TransferTicket write = server.receive(loopback, 1000, TTL);
        Result result = exec(lftp, "-c", settings() + " get " + base + write.fileName() + " -o "
                + temp.resolve("refused"));
        assertTrue(result.exitCode() != 0, "lftp get of a write ticket should fail: " + result.output());
        assertFalse(server.progress(write.id()).orElseThrow().completed());
    }

    /** No retries, no proxy from the environment, fail on the first error. */
    private static String settings() {
        return "set cmd:fail-exit yes; set net:max-retries 1; set net:timeout 10; set http:proxy ''; set http:use-propfind no;";
    }

    /** curl's answer status; its body is thrown away. */
    private static String status(String curl, String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 6];
        command[0] = curl;
        command[1] = "-sS";
        command[2] = "-o";
        command[3] = "/dev/null";
        command[4] = "-w";
        command[5] = "%{http_code}";
        System.arraycopy(arguments, 0, command, 6, arguments.length);
        return exec(command).output().trim();
    }
}
