package org.uplift.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.shell.fakes.Commands.command;
import static org.uplift.shell.fakes.Commands.run;
import static org.uplift.shell.fakes.Commands.set;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uplift.api.repository.Endpoint;
import org.uplift.api.repository.FileServer;
import org.uplift.api.repository.FtpCredentials;
import org.uplift.api.repository.TransferDirection;
import org.uplift.api.repository.TransferProgress;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.repository.TransferTicket;
import org.uplift.shell.fakes.Commands.Run;

/** A ticket's FTP password never reaches the terminal: it goes to a netrc file only Karaf's user can read. */
class TransferOpenSecretTest {

    private static final String PASSWORD = "s3cret-ticket-pass";

    @TempDir
    Path data;

    private final String previous = System.getProperty("karaf.data");

    @AfterEach
    void restore() {
        if (previous == null) {
            System.clearProperty("karaf.data");
        } else {
            System.setProperty("karaf.data", previous);
        }
    }

    @Test
    void theFtpPasswordIsWrittenToANetrcFileAndNeverPrinted() throws Exception {
        System.setProperty("karaf.data", data.toString());
        FileServer server = new FileServer() {
            @Override
            public TransferTicket offer(Path file, InetAddress device, Duration ttl) {
                throw new UnsupportedOperationException();
            }

            @Override
            public TransferTicket receive(InetAddress device, long maxBytes, Duration ttl) {
                return new TransferTicket("T-1", "up-abc.cfg", TransferDirection.DEVICE_WRITES, device,
                        Instant.parse("2026-01-01T00:10:00Z"), maxBytes);
            }

            @Override
            public Optional<TransferProgress> progress(String ticketId) {
                return Optional.empty();
            }

            @Override
            public void close(String ticketId) {
            }

            @Override
            public Endpoint endpoint(TransferProtocol protocol) {
                return new Endpoint(protocol, "127.0.0.1", protocol == TransferProtocol.FTP ? 2121 : 6969);
            }

            @Override
            public Optional<FtpCredentials> ftpCredentials(String ticketId) {
                return Optional.of(new FtpCredentials("t-1", PASSWORD));
            }
        };
        TransferOpenCommand c = command(TransferOpenCommand.class, server);
        set(c, "to", "127.0.0.1");
        set(c, "write", true);

        Run r = run(c);

        assertNull(r.failure());
        assertFalse(r.out().contains(PASSWORD), r.out());
        assertTrue(r.out().contains("ftp://t-1@127.0.0.1:2121/up-abc.cfg"), r.out());
        Path netrc = data.resolve("uplift/tickets/T-1.netrc");
        assertTrue(r.out().contains(netrc.toString()), r.out());
        assertEquals("machine 127.0.0.1 login t-1 password " + PASSWORD + "\n", Files.readString(netrc));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(netrc)));
    }
}
