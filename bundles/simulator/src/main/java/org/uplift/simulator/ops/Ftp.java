package org.uplift.simulator.ops;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.io.CopyStreamException;

/**
 * The device's FTP client: passive mode, binary type, control and data connections both from the
 * device's own address (file servers admit tickets by source address), every wait bounded. Errors
 * become fail causes; the password never appears in a message.
 */
final class Ftp {

    private static final String ANONYMOUS = "anonymous";

    private final InetAddress localAddress;
    private final Duration timeout;

    /**
     * @param localAddress the device's own address
     * @param timeout      bounds the connection, each reply and each wait for data
     */
    Ftp(InetAddress localAddress, Duration timeout) {
        this.localAddress = localAddress;
        this.timeout = timeout;
    }

    byte[] download(OpRequest request, long maxBytes) throws TransferFailure {
        FTPClient client = open(request);
        CappedOutput out = new CappedOutput(maxBytes);
        try {
            if (!client.retrieveFile(request.fileName(), out)) {
                throw refused(client, "download of " + request.fileName(), out.size());
            }
            return out.toByteArray();
        } catch (IOException e) {
            if (out.exceeded) {
                throw new TransferFailure(FailCause.NO_MEMORY, "file exceeds " + maxBytes + " bytes", out.size());
            }
            throw failure(e, out.size());
        } finally {
            close(client);
        }
    }

    long upload(OpRequest request, byte[] content) throws TransferFailure {
        FTPClient client = open(request);
        try (InputStream in = new ByteArrayInputStream(content)) {
            if (!client.storeFile(request.fileName(), in)) {
                throw refused(client, "upload of " + request.fileName(), 0);
            }
            return content.length;
        } catch (IOException e) {
            throw failure(e, 0);
        } finally {
            close(client);
        }
    }

    /** Connects from the device's address, logs in (anonymously without a user) and sets passive binary mode. */
    private FTPClient open(OpRequest request) throws TransferFailure {
        FTPClient client = new FTPClient();
        client.setConnectTimeout((int) timeout.toMillis());
        client.setDefaultTimeout((int) timeout.toMillis());
        client.setDataTimeout(timeout);
        client.setPassiveLocalIPAddress(localAddress);
        try {
            client.connect(request.server(), request.port(), localAddress, 0);
            client.setSoTimeout((int) timeout.toMillis());
            if (!FTPReply.isPositiveCompletion(client.getReplyCode())) {
                throw refused(client, "connection", 0);
            }
            String user = request.username() == null ? ANONYMOUS : request.username();
            String password = request.password() == null ? "" : request.password();
            if (!client.login(user, password)) {
                throw new TransferFailure(FailCause.TRANSFER_FAILED, "FTP login as " + printable(user)
                        + " refused: " + reply(client), 0);
            }
            client.enterLocalPassiveMode();
            if (!client.setFileType(FTP.BINARY_FILE_TYPE)) {
                throw refused(client, "binary type", 0);
            }
            return client;
        } catch (TransferFailure e) {
            close(client);
            throw e;
        } catch (IOException e) {
            close(client);
            throw failure(e, 0);
        }
    }

    /** A negative reply: 550 (no such file, no permission) is a bad file name, 452/552 no room. */
    private static TransferFailure refused(FTPClient client, String what, long bytes) {
        int code = client.getReplyCode();
        FailCause cause = code == FTPReply.FILE_UNAVAILABLE ? FailCause.BAD_FILE_NAME
                : code == FTPReply.INSUFFICIENT_STORAGE || code == FTPReply.STORAGE_ALLOCATION_EXCEEDED
                        ? FailCause.NO_MEMORY : FailCause.TRANSFER_FAILED;
        return new TransferFailure(cause, "FTP " + what + " refused: " + reply(client), bytes);
    }

    private static TransferFailure failure(IOException e, long bytes) {
        IOException cause = e instanceof CopyStreamException copy && copy.getIOException() != null
                ? copy.getIOException() : e;
        String text = printable(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        if (cause instanceof SocketTimeoutException) {
            return new TransferFailure(FailCause.TIMEOUT, "FTP server did not answer: " + text, bytes);
        }
        return new TransferFailure(FailCause.TRANSFER_FAILED, "FTP transfer failed: " + text, bytes);
    }

    /** The server's last reply, one line, without control characters (it is the server's text). */
    private static String reply(FTPClient client) {
        String text = client.getReplyString();
        return text == null ? Integer.toString(client.getReplyCode()) : printable(text.strip());
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 200));
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return out.toString();
    }

    private static void close(FTPClient client) {
        if (!client.isConnected()) {
            return;
        }
        try {
            client.logout();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            client.disconnect();
        } catch (IOException e) {
            // the socket is gone either way
        }
    }

    /** Stops a download at its cap with an IOException, which the client passes on. */
    private static final class CappedOutput extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final long max;
        private boolean exceeded;

        CappedOutput(long max) {
            this.max = max;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (bytes.size() + (long) len > max) {
                exceeded = true;
                throw new IOException("file exceeds " + max + " bytes");
            }
            bytes.write(b, off, len);
        }

        long size() {
            return bytes.size();
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
