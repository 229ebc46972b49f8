package org.uplift.repository.tftp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.tftp.TFTP;
import org.apache.commons.net.tftp.TFTPClient;

/**
 * A well-behaved device's transfers with Commons Net's clients, from the device's own loopback
 * address: what a flood must not stop. Failures are IOExceptions that say what the server answered.
 *
 * <p>Commons Net's TFTP client never sends its request again when no answer comes (it waits for the
 * server to retransmit, which a server cannot do for a request it never received). A flood can fill
 * the listening socket's buffer and a request is then lost, so these transfers repeat an unanswered
 * request from the same port, as RFC 1350 asks of a requester and as devices do. A refusal (an ERROR
 * packet) is never repeated: it fails the transfer at once.
 */
final class LegitTransfers {

    private static final Duration TFTP_TIMEOUT = Duration.ofMillis(500);
    private static final int TFTP_MAX_TIMEOUTS = 4;
    private static final int TFTP_REQUESTS = 6;
    /** Requests sent again because no answer came (a figure for reports). */
    static final AtomicInteger REQUESTS_REPEATED = new AtomicInteger();
    /** Of those, write requests. */
    static final AtomicInteger WRITES_REPEATED = new AtomicInteger();

    private LegitTransfers() {
    }

    static byte[] tftpDownload(InetAddress device, int port, String name) throws IOException {
        TFTPClient client = tftpClient(device);
        try {
            for (int request = 1;; request++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                try {
                    client.receiveFile(name, TFTP.BINARY_MODE, out, InetAddress.getLoopbackAddress(), port);
                    return out.toByteArray();
                } catch (IOException e) {
                    repeatIfUnanswered(e, client.getTotalBytesReceived(), request);
                }
            }
        } finally {
            client.close();
        }
    }

    static void tftpUpload(InetAddress device, int port, String name, byte[] content) throws IOException {
        TFTPClient client = tftpClient(device);
        try {
            for (int request = 1;; request++) {
                try {
                    client.sendFile(name, TFTP.BINARY_MODE, new ByteArrayInputStream(content),
                            InetAddress.getLoopbackAddress(), port);
                    return;
                } catch (IOException e) {
                    repeatIfUnanswered(e, client.getTotalBytesSent(), request);
                    WRITES_REPEATED.incrementAndGet();
                }
            }
        } finally {
            client.close();
        }
    }

    private static void repeatIfUnanswered(IOException e, long bytesMoved, int request) throws IOException {
        boolean unanswered = bytesMoved == 0 && "Connection timed out.".equals(e.getMessage());
        if (!unanswered || request >= TFTP_REQUESTS) {
            throw e;
        }
        REQUESTS_REPEATED.incrementAndGet();
    }

    static byte[] ftpDownload(InetAddress device, int port, String user, String password, String name)
            throws IOException {
        FTPClient ftp = ftpLogin(device, port, user, password);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ftp.retrieveFile(name, out)) {
                throw new IOException("FTP RETR refused: " + ftp.getReplyString().trim());
            }
            return out.toByteArray();
        } finally {
            ftp.disconnect();
        }
    }

    static void ftpUpload(InetAddress device, int port, String user, String password, String name, byte[] content)
            throws IOException {
        FTPClient ftp = ftpLogin(device, port, user, password);
        try {
            if (!ftp.storeFile(name, new ByteArrayInputStream(content))) {
                throw new IOException("FTP STOR refused: " + ftp.getReplyString().trim());
            }
        } finally {
            ftp.disconnect();
        }
    }

    private static TFTPClient tftpClient(InetAddress device) throws IOException {
        TFTPClient client = new TFTPClient();
        client.setDefaultTimeout(TFTP_TIMEOUT);
        client.setMaxTimeouts(TFTP_MAX_TIMEOUTS);
        client.open(0, device);
        return client;
    }

    private static FTPClient ftpLogin(InetAddress device, int port, String user, String password) throws IOException {
        FTPClient ftp = new FTPClient();
        ftp.setConnectTimeout(5000);
        ftp.setDefaultTimeout(10_000);
        ftp.setDataTimeout(Duration.ofSeconds(10));
        ftp.connect(InetAddress.getLoopbackAddress(), port, device, 0);
        if (!ftp.login(user, password)) {
            String reply = ftp.getReplyString().trim();
            ftp.disconnect();
            throw new IOException("FTP login refused: " + reply);
        }
        ftp.enterLocalPassiveMode();
        // the data connection must come from the device's address too (passive IP check)
        ftp.setPassiveLocalIPAddress(device);
        ftp.setFileType(FTP.BINARY_FILE_TYPE);
        return ftp;
    }
}
