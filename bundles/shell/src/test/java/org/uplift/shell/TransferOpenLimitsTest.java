package org.uplift.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.shell.fakes.Commands.command;
import static org.uplift.shell.fakes.Commands.run;
import static org.uplift.shell.fakes.Commands.set;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uplift.shell.fakes.Commands.Run;
import org.uplift.shell.fakes.FakeCatalog;
import org.uplift.shell.fakes.FakeFileServer;

/**
 * What uplift:transfer-open may hand out: files under the export directory only, tickets no longer
 * than the configured maximum, and netrc files that go when their ticket expires.
 */
class TransferOpenLimitsTest {

    @TempDir
    Path data;

    private final FakeFileServer server = new FakeFileServer();
    private TransferOpenGuard guard;
    private Path export;

    @BeforeEach
    void guard() throws Exception {
        export = Files.createDirectories(data.resolve("export"));
        guard = new TransferOpenGuard(Duration.ofMinutes(30), export, data.resolve("tickets"), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        guard.deactivate();
    }

    private TransferOpenCommand open(String source, String ttl) {
        TransferOpenCommand c = command(TransferOpenCommand.class, server, new FakeCatalog(), guard);
        set(c, "to", "127.0.0.1");
        set(c, "source", source);
        set(c, "ttl", ttl);
        return c;
    }

    private static String refusal(Run run) {
        assertNotNull(run.failure(), "expected a refusal, got:\n" + run.out());
        String message = run.failure().getMessage();
        assertFalse(message.contains("\n"), message);
        return message;
    }

    @Test
    void givenAFileUnderTheExportDirectory_whenOpened_thenItIsServed() throws Exception {
        Path file = Files.writeString(export.resolve("boot.cfg"), "hostname a\n");
        Run r = run(open(file.toString(), "10m"));
        assertNull(r.failure(), r.out());
        assertEquals(List.of(file.toRealPath()), server.offered);
    }

    @Test
    void givenAFileOutsideTheExportDirectory_whenOpened_thenOneLineSaysWhatIsServedAndNothingIs() throws Exception {
        Path secret = Files.writeString(data.resolve("devices.properties"), "community=private\n");
        // a link inside the export directory that leads out of it is outside too
        Path link = Files.createSymbolicLink(export.resolve("link.cfg"), secret);
        for (String path : List.of(secret.toString(), link.toString(),
                export.resolve("../devices.properties").toString(),
                "/etc/passwd")) {
            assertEquals(path + " is neither a firmware id (uplift:firmware-list) nor a file under " + export
                    + " (org.uplift.shell transferOpenExportDirectory), the only ones transfer-open serves",
                    refusal(run(open(path, "10m"))));
        }
        assertTrue(server.offered.isEmpty(), server.offered.toString());
    }

    @Test
    void givenATtlAboveTheMaximum_whenOpened_thenItIsRefusedInOneLine() throws Exception {
        Path file = Files.writeString(export.resolve("boot.cfg"), "hostname a\n");
        assertEquals("--ttl 2h is longer than the 1800 s allowed (org.uplift.shell transferOpenMaxTtlSeconds)",
                refusal(run(open(file.toString(), "2h"))));
        assertTrue(server.offered.isEmpty());
        assertNull(run(open(file.toString(), "30m")).failure(), "the maximum itself is allowed");
    }

    @Test
    void givenAnUploadTicket_whenItExpires_thenItsNetrcFileIsGone() throws Exception {
        TransferOpenCommand c = command(TransferOpenCommand.class, server, guard);
        set(c, "to", "127.0.0.1");
        set(c, "write", true);
        set(c, "ttl", "1s");
        Run r = run(c);
        assertNull(r.failure(), r.out());
        Path netrc = data.resolve("tickets/T-1.netrc");
        assertTrue(Files.exists(netrc), "the netrc file is there while the ticket lives");

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (Files.exists(netrc) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(Files.exists(netrc), "the netrc file outlived its ticket");
    }

    @Test
    void givenNetrcFilesOfAnEarlierRun_whenTheGuardStarts_thenTheyAreDeleted() throws Exception {
        Path old = Files.writeString(Files.createDirectories(data.resolve("tickets")).resolve("T-9.netrc"),
                "machine x login u password p\n");
        new TransferOpenGuard(Duration.ofMinutes(30), export, data.resolve("tickets"), Clock.systemUTC()).deactivate();
        assertFalse(Files.exists(old));
    }
}
