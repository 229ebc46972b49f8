package org.uplift.repository.tftp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.repository.FtpCredentials;
import org.uplift.api.repository.TransferProgress;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.repository.TransferTicket;
import org.uplift.repository.testing.Permissions;

/** The FTP side of the ticketed file server, driven by Commons Net's FTP client on loopback. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FtpFileServerTest extends FileServerTestSupport {

    private int port;

    @Override
    void started(Map<String, Object> settings) throws Exception {
        port = server.endpoint(TransferProtocol.FTP).port();
    }

    @Test
    void givenAReadTicket_whenTheDeviceLogsInWithItsCredentials_thenItDownloadsTheFileAndSeesNothingElse()
            throws Exception {
        byte[] content = random(300_000);
        TransferTicket ticket = server.offer(Files.write(temp.resolve("fw.bin"), content), loopback, TTL);
        FTPClient ftp = login(ticket);

        assertArrayEquals(new String[]{ticket.fileName()}, ftp.listNames(), ftp.getReplyString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ftp.retrieveFile(ticket.fileName(), out), ftp.getReplyString());
        assertArrayEquals(content, out.toByteArray());
        assertTrue(ftp.retrieveFile("/" + ticket.fileName(), new ByteArrayOutputStream()), "absolute root name");
        ftp.disconnect();
        TransferProgress progress = server.progress(ticket.id()).orElseThrow();
        assertTrue(progress.completed());
        assertEquals(content.length, progress.bytes());
    }

    @Test
    void givenAWriteTicket_whenTheDeviceUploads_thenTheFileIsStagedWholeAndCannotBeWrittenAgain() throws Exception {
        byte[] content = random(70_000);
        TransferTicket ticket = server.receive(loopback, 1 << 20, TTL);
        FTPClient ftp = login(ticket);

        assertTrue(ftp.storeFile(ticket.fileName(), new ByteArrayInputStream(content)), ftp.getReplyString());
        TransferProgress progress = server.progress(ticket.id()).orElseThrow();
        assertTrue(progress.completed(), progress.toString());
        assertArrayEquals(content, Files.readAllBytes(progress.receivedFile()));
        Permissions.assertPrivateFile(progress.receivedFile());

        assertFalse(ftp.storeFile(ticket.fileName(), new ByteArrayInputStream(random(10))), "write-once");
        assertEquals(550, ftp.getReplyCode());
        assertFalse(ftp.retrieveFile(ticket.fileName(), new ByteArrayOutputStream()), "backups are not readable");
        assertFalse(ftp.deleteFile(ticket.fileName()), "nothing can be deleted");
        assertArrayEquals(content, Files.readAllBytes(progress.receivedFile()));
        ftp.disconnect();
    }

    @Test
    void givenAnUploadOverTheCap_whenItArrives_thenItIsRefusedAndNothingIsStaged() throws Exception {
        TransferTicket ticket = server.receive(loopback, 1000, TTL);
        FTPClient ftp = login(ticket);

        boolean stored;
        try {
            stored = ftp.storeFile(ticket.fileName(), new ByteArrayInputStream(random(50_000)));
            assertTrue(ftp.getReplyCode() >= 400, ftp.getReplyString());
        } catch (IOException e) {
            // the server closed the data connection while the client was still writing: refused as well
            stored = false;
        }
        assertFalse(stored);
        TransferProgress progress = server.progress(ticket.id()).orElseThrow();
        for (int i = 0; i < 50 && progress.error() == null; i++) {
            Thread.sleep(20); // the server records why it cut the upload a moment after the client sees it
            progress = server.progress(ticket.id()).orElseThrow();
        }
        assertFalse(progress.completed());
        assertTrue(progress.error().contains("cap"), progress.error());
        try (var staged = Files.list(temp.resolve("staging"))) {
            assertEquals(0, staged.count(), "no partial upload left");
        }
        ftp.disconnect();
    }

    @Test
    void givenTheWrongDirection_whenTheDeviceTriesIt_thenItIsRefused() throws Exception {
        TransferTicket read = server.offer(Files.write(temp.resolve("fw.bin"), random(100)), loopback, TTL);
        FTPClient ftp = login(read);
        assertFalse(ftp.storeFile(read.fileName(), new ByteArrayInputStream(random(10))), "write to a read ticket");
        assertEquals(550, ftp.getReplyCode());
        ftp.disconnect();

        TransferTicket write = server.receive(loopback, 1000, TTL);
        ftp = login(write);
        assertFalse(ftp.retrieveFile(write.fileName(), new ByteArrayOutputStream()), "read of a write ticket");
        assertEquals(550, ftp.getReplyCode());
        ftp.disconnect();
    }

    @Test
    void givenPathsInsteadOfTheName_whenRequested_thenTheyAreRefused() throws Exception {
        TransferTicket ticket = server.offer(Files.write(temp.resolve("fw.bin"), random(100)), loopback, TTL);
        FTPClient ftp = login(ticket);
        for (String name : new String[]{"../" + ticket.fileName(), "/etc/passwd", "..", "a\\b",
                "sub/" + ticket.fileName(), "up-aaaaaaaaaaaaaaaaaaaa.bin"}) {
            assertFalse(ftp.retrieveFile(name, new ByteArrayOutputStream()), name);
            assertTrue(ftp.getReplyCode() >= 500, name + ": " + ftp.getReplyString());
        }
        assertFalse(ftp.changeWorkingDirectory(".."));
        assertFalse(ftp.makeDirectory("x"));
        ftp.disconnect();
    }

    @Test
    void givenAnotherSourceAddress_whenItLogsInWithTheTicketsCredentials_thenItIsRefused() throws Exception {
        TransferTicket ticket = server.offer(Files.write(temp.resolve("fw.bin"), random(100)), loopback, TTL);
        FtpCredentials credentials = server.ftpCredentials(ticket.id()).orElseThrow();
        FTPClient ftp = new FTPClient();
        ftp.connect(loopback, port, InetAddress.getByName("127.0.0.2"), 0);
        assertFalse(ftp.login(credentials.user(), credentials.password()));
        assertEquals(530, ftp.getReplyCode());
        ftp.disconnect();
    }

    @Test
    void givenWrongOrStaleCredentials_whenTheyAreUsed_thenLoginIsRefused() throws Exception {
        TransferTicket ticket = server.offer(Files.write(temp.resolve("fw.bin"), random(100)), loopback,
                Duration.ofMillis(300));
        FtpCredentials credentials = server.ftpCredentials(ticket.id()).orElseThrow();
        assertFalse(credentials.toString().contains(credentials.password()), "toString hides the password");

        for (String[] login : new String[][]{{credentials.user(), credentials.password() + "x"},
                {"anonymous", "guest"}, {"uplift", "uplift"}, {credentials.user(), ""}}) {
            FTPClient ftp = connect();
            assertFalse(ftp.login(login[0], login[1]), "refused: user " + login[0]);
            assertEquals(530, ftp.getReplyCode());
            ftp.disconnect();
        }

        Thread.sleep(400);
        FTPClient ftp = connect();
        assertFalse(ftp.login(credentials.user(), credentials.password()), "expired ticket");
        assertTrue(server.ftpCredentials(ticket.id()).isEmpty());
        ftp.disconnect();

        TransferTicket closed = server.offer(Files.write(temp.resolve("fw2.bin"), random(100)), loopback, TTL);
        FtpCredentials closedCredentials = server.ftpCredentials(closed.id()).orElseThrow();
        server.close(closed.id());
        ftp = connect();
        assertFalse(ftp.login(closedCredentials.user(), closedCredentials.password()), "closed ticket");
        ftp.disconnect();
    }

    @Test
    void givenTwoTickets_whenOneLogsIn_thenItCannotSeeTheOthersFile() throws Exception {
        TransferTicket mine = server.offer(Files.write(temp.resolve("a.bin"), random(100)), loopback, TTL);
        TransferTicket other = server.offer(Files.write(temp.resolve("b.bin"), random(100)), loopback, TTL);
        FTPClient ftp = login(mine);
        assertFalse(ftp.retrieveFile(other.fileName(), new ByteArrayOutputStream()));
        assertEquals(550, ftp.getReplyCode());
        ftp.disconnect();
    }

    @Test
    void givenAnAddressAtItsConnectionLimit_whenItConnectsAgain_then421WhileAnotherAddressGetsIn() throws Exception {
        restart(Map.of("ftpMaxConnectionsPerAddress", 2));
        try (Socket first = raw("127.0.0.1"); Socket second = raw("127.0.0.1")) {
            assertTrue(line(first).startsWith("220 "));
            assertTrue(line(second).startsWith("220 "));
            try (Socket third = raw("127.0.0.1")) {
                assertTrue(line(third).startsWith("421 "), "over the address's limit");
                assertEquals(-1, third.getInputStream().read(), "and closed");
            }
            try (Socket other = raw("127.0.0.2")) {
                assertTrue(line(other).startsWith("220 "), "another address still gets in");
            }
            first.close();
            assertTrue(awaitGreeting("127.0.0.1"), "a closed connection frees its slot");
        }
    }

    @Test
    void givenTheServerAtItsConnectionLimit_whenAnyAddressConnects_then421() throws Exception {
        restart(Map.of("ftpMaxLogins", 2));
        try (Socket first = raw("127.0.0.1"); Socket second = raw("127.0.0.1")) {
            // read before the next connects: the server may accept connections in another order
            assertTrue(line(first).startsWith("220 "));
            assertTrue(line(second).startsWith("220 "));
            try (Socket other = raw("127.0.0.2")) {
                assertTrue(line(other).startsWith("421 "), "connections count before they log in");
            }
        }
    }

    @Test
    void givenAConnectionThatNeverLogsIn_whenTheLoginTimeOutPasses_thenItIsClosedWhileALoggedInSessionStays()
            throws Exception {
        restart(Map.of("ftpLoginSeconds", 1));
        TransferTicket ticket = server.offer(Files.write(temp.resolve("fw.bin"), random(100)), loopback, TTL);
        FTPClient session = login(ticket);
        try (Socket dribbler = raw("127.0.0.1")) {
            assertTrue(line(dribbler).startsWith("220 "));
            long start = System.nanoTime();
            // never silent long enough for an idle time-out, never a whole line
            boolean closed = false;
            while (!closed && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5)) {
                try {
                    dribbler.getOutputStream().write('U');
                    dribbler.setSoTimeout(200);
                    closed = dribbler.getInputStream().read() == -1;
                } catch (SocketTimeoutException e) {
                    // still open
                } catch (IOException e) {
                    closed = true;
                }
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(closed && millis < 3000, "closed after " + millis + " ms");
        }
        assertTrue(session.sendNoOp(), "a logged-in session is not subject to the login time-out");
        session.disconnect();
    }

    private Socket raw(String from) throws IOException {
        Socket socket = new Socket(loopback, port, InetAddress.getByName(from), 0);
        socket.setSoTimeout(3000);
        return socket;
    }

    /** The next reply line, read byte by byte so nothing after it is consumed. */
    private static String line(Socket socket) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = socket.getInputStream().read(); c >= 0 && c != '\n'; c = socket.getInputStream().read()) {
            line.append((char) c);
        }
        return line.toString().trim();
    }

    private boolean awaitGreeting(String from) throws Exception {
        for (int i = 0; i < 50; i++) {
            try (Socket socket = raw(from)) {
                if (line(socket).startsWith("220 ")) {
                    return true;
                }
            }
            Thread.sleep(50);
        }
        return false;
    }

    private FTPClient connect() throws IOException {
        FTPClient ftp = new FTPClient();
        ftp.connect(loopback, port);
        return ftp;
    }

    private FTPClient login(TransferTicket ticket) throws IOException {
        FtpCredentials credentials = server.ftpCredentials(ticket.id()).orElseThrow();
        FTPClient ftp = connect();
        assertTrue(ftp.login(credentials.user(), credentials.password()), ftp.getReplyString());
        ftp.enterLocalPassiveMode();
        ftp.setFileType(FTP.BINARY_FILE_TYPE);
        return ftp;
    }
}
