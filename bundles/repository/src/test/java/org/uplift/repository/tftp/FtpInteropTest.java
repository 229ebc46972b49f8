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
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.repository.FtpCredentials;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.repository.TransferTicket;

/**
 * FTP downloads and uploads with real third-party clients, passive mode on loopback: lftp and curl.
 * Skipped when a client is missing, unless {@code -Duplift.interop.required=true}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FtpInteropTest extends FileServerTestSupport {

    private int port;

    @Override
    void started(Map<String, Object> settings) throws Exception {
        port = server.endpoint(TransferProtocol.FTP).port();
    }

    @Test
    void givenLftp_whenItDownloadsAndUploads_thenTheFilesMatchByteForByte() throws Exception {
        String lftp = require("/usr/bin/lftp", "lftp");
        for (int size : new int[]{1, 100_000, 3_000_000}) {
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
        for (int size : new int[]{1, 100_000, 3_000_000}) {
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
        assertEquals(67, exec(curl, "-sS", "--interface", "127.0.0.2", "-o", out, url(read)).exitCode(),
                "from another address");
        assertEquals(67, exec(curl, "-sS", "-u", r.user() + ":wrong", "-o", out, base + read.fileName()).exitCode(),
                "wrong password");
        assertEquals(67, exec(curl, "-sS", "-o", out, base + read.fileName()).exitCode(), "anonymous");
        assertEquals(78, exec(curl, "-sS", "-u", r.user() + ":" + r.password(), "-o", out,
                base + write.fileName()).exitCode(), "another ticket's file");
        // curl walks the path with CWD: 9 is "access denied to the remote directory"
        assertEquals(9, exec(curl, "-sS", "--path-as-is", "-u", r.user() + ":" + r.password(), "-o", out,
                base + "../" + read.fileName()).exitCode(), "a path with ..");
        assertTrue(exec(curl, "-sS", "-T", source.toString(), url(read)).exitCode() != 0, "write to a read ticket");
        assertEquals(78, exec(curl, "-sS", "-o", out, url(write)).exitCode(), "read of a write ticket");
        assertTrue(exec(curl, "-sS", "-T", source.toString(), url(write)).exitCode() != 0, "upload over the cap");
        assertFalse(server.progress(write.id()).orElseThrow().completed());

        server.close(read.id());
        assertEquals(67, exec(curl, "-sS", "-o", out, base.replace("ftp://", "ftp://" + r.user() + ":"
                + r.password() + "@") + read.fileName()).exitCode(), "closed ticket");
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
}
