package org.uplift.repository.tftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.repository.testing.ExternalTools.exec;
import static org.uplift.repository.testing.ExternalTools.require;
import static org.uplift.repository.testing.ExternalTools.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.repository.TransferTicket;
import org.uplift.repository.testing.ExternalTools.Result;

/**
 * Downloads and uploads with real third-party clients: tftp-hpa's {@code tftp} (512-byte blocks, no
 * options), curl (blksize and tsize options) and atftp (blksize and RFC 7440 windowsize). Skipped when a client is missing, unless
 * {@code -Duplift.interop.required=true}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TftpInteropTest extends FileServerTestSupport {

    private int port;

    @Override
    void started(Map<String, Object> settings) throws Exception {
        port = server.endpoint(TransferProtocol.TFTP).port();
    }

    @Test
    void givenTftpHpa_whenItDownloadsAndUploads_thenTheFilesMatchByteForByte() throws Exception {
        String tftp = require("/usr/bin/tftp", "tftp-hpa");
        for (int size : new int[]{1, 512 * 4, 100_000}) {
            Path source = file(size);
            TransferTicket read = server.offer(source, loopback, TTL);
            Path downloaded = temp.resolve("hpa-down-" + size);
            run(tftp, "-v", "-m", "binary", "127.0.0.1", Integer.toString(port), "-c", "get", read.fileName(),
                    downloaded.toString());
            assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(downloaded), "tftp get of " + size);

            TransferTicket write = server.receive(loopback, 1 << 20, TTL);
            run(tftp, "-v", "-m", "binary", "127.0.0.1", Integer.toString(port), "-c", "put", source.toString(),
                    write.fileName());
            assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(uploaded(write)), "tftp put of " + size);
        }
    }

    @Test
    void givenCurlWithBlksize_whenItDownloadsAndUploads_thenTheFilesMatchByteForByte() throws Exception {
        String curl = require("/usr/bin/curl", "curl");
        for (int size : new int[]{1, 1428 * 3, 100_000}) {
            Path source = file(size);
            TransferTicket read = server.offer(source, loopback, TTL);
            Path downloaded = temp.resolve("curl-down-" + size);
            run(curl, "-sS", "--tftp-blksize", "1428", "-o", downloaded.toString(),
                    "tftp://127.0.0.1:" + port + "/" + read.fileName());
            assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(downloaded), "curl get of " + size);

            TransferTicket write = server.receive(loopback, 1 << 20, TTL);
            run(curl, "-sS", "--tftp-blksize", "1428", "-T", source.toString(),
                    "tftp://127.0.0.1:" + port + "/" + write.fileName());
            assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(uploaded(write)), "curl put of " + size);
        }
    }

    @Test
    void givenAtftpWithBlksizeAndWindowsize_whenItDownloadsAndUploads_thenTheFilesMatchByteForByte()
            throws Exception {
        String atftp = require("/usr/bin/atftp", "atftp");
        for (String window : new String[]{"1", "16"}) {
            for (int size : new int[]{1, 1428 * 16, 1428 * 100 + 7, 3_000_000}) {
                Path source = file(size);
                TransferTicket read = server.offer(source, loopback, TTL);
                Path downloaded = temp.resolve("atftp-down-" + window + "-" + size);
                run(atftp, "--option", "blksize 1428", "--option", "windowsize " + window, "-g", "-r",
                        read.fileName(), "-l", downloaded.toString(), "127.0.0.1", Integer.toString(port));
                assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(downloaded),
                        "atftp get of " + size + " with windowsize " + window);

                TransferTicket write = server.receive(loopback, 4 << 20, TTL);
                run(atftp, "--option", "blksize 1428", "--option", "windowsize " + window, "-p", "-r",
                        write.fileName(), "-l", source.toString(), "127.0.0.1", Integer.toString(port));
                assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(uploaded(write)),
                        "atftp put of " + size + " with windowsize " + window);
            }
        }
    }

    @Test
    void givenAtftp_whenItTriesWhatNoTicketAllows_thenItFails() throws Exception {
        String atftp = require("/usr/bin/atftp", "atftp");
        Path source = file(2000);
        TransferTicket read = server.offer(source, loopback, TTL);
        TransferTicket write = server.receive(loopback, 1000, TTL);
        String p = Integer.toString(port);
        String out = temp.resolve("atftp-refused").toString();
        for (String[] attempt : new String[][]{
                {"-g", "-r", "up-aaaaaaaaaaaaaaaaaaaa.bin", "-l", out}, // unknown name
                {"-g", "-r", "../" + read.fileName(), "-l", out}, // path
                {"-g", "-r", "/etc/passwd", "-l", out}, // absolute path
                {"-g", "-r", write.fileName(), "-l", out}, // read of a write ticket
                {"-p", "-r", read.fileName(), "-l", source.toString()}, // write to a read ticket
                {"-p", "-r", write.fileName(), "-l", source.toString()}}) { // over the 1000-byte cap
            List<String> command = new ArrayList<>(List.of(atftp, "--option", "tsize 0"));
            command.addAll(List.of(attempt));
            command.addAll(List.of("127.0.0.1", p));
            Result result = exec(command.toArray(String[]::new));
            assertTrue(result.exitCode() != 0, String.join(" ", attempt) + " should fail: " + result.output());
        }
        assertFalse(server.progress(write.id()).orElseThrow().completed(), "nothing was uploaded over the cap");
    }

    @Test
    void givenCurlFromAnotherAddress_whenItAsksForATicketOfThisDevice_thenItIsRefused() throws Exception {
        String curl = require("/usr/bin/curl", "curl");
        TransferTicket read = server.offer(file(100), loopback, TTL);
        Result result = exec(curl, "-sS", "--interface", "127.0.0.2", "-o", temp.resolve("y").toString(),
                "tftp://127.0.0.1:" + port + "/" + read.fileName());
        assertTrue(result.exitCode() != 0, "a request from 127.0.0.2 must be refused: " + result.output());
    }

    @Test
    void givenCurl_whenItAsksForAnUnknownName_thenItFails() throws Exception {
        String curl = require("/usr/bin/curl", "curl");
        Result result = exec(curl, "-sS", "-o", temp.resolve("x").toString(),
                "tftp://127.0.0.1:" + port + "/up-aaaaaaaaaaaaaaaaaaaa.bin");
        assertEquals(68, result.exitCode(), "curl's exit code for TFTP file not found; output: " + result.output());
    }
}
