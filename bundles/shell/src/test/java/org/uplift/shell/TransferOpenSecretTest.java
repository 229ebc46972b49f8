package org.uplift.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.shell.fakes.Commands.command;
import static org.uplift.shell.fakes.Commands.run;
import static org.uplift.shell.fakes.Commands.set;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uplift.shell.fakes.Commands.Run;
import org.uplift.shell.fakes.FakeFileServer;

/** A ticket's FTP password never reaches the terminal: it goes to a netrc file only Karaf's user can read. */
class TransferOpenSecretTest {

    @TempDir
    Path data;

    private TransferOpenGuard guard;

    @AfterEach
    void close() {
        guard.deactivate();
    }

    @Test
    void theFtpPasswordIsWrittenToANetrcFileAndNeverPrinted() throws Exception {
        guard = new TransferOpenGuard(Duration.ofHours(1), data.resolve("export"), data.resolve("uplift/tickets"),
                Clock.systemUTC());
        TransferOpenCommand c = command(TransferOpenCommand.class, new FakeFileServer(), guard);
        set(c, "to", "127.0.0.1");
        set(c, "write", true);

        Run r = run(c);

        assertNull(r.failure());
        assertFalse(r.out().contains(FakeFileServer.PASSWORD), r.out());
        assertTrue(r.out().contains("ftp://t-1@127.0.0.1:2121/up-abc.cfg"), r.out());
        Path netrc = data.resolve("uplift/tickets/T-1.netrc");
        assertTrue(r.out().contains(netrc.toString()), r.out());
        assertEquals("machine 127.0.0.1 login t-1 password " + FakeFileServer.PASSWORD + "\n", Files.readString(netrc));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(netrc)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(netrc.getParent())));
    }
}
