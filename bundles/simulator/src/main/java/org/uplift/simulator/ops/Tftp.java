package org.uplift.simulator.ops;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.net.tftp.TFTP;
import org.apache.commons.net.tftp.TFTPClient;
import org.apache.commons.net.tftp.TFTPErrorPacket;

/** The device's TFTP client (octet mode, bound to the device's address), mapping errors to fail causes. */
public final class Tftp {

    private static final Pattern ERROR = Pattern.compile("Error code (\\d+) received: (.*)", Pattern.DOTALL);

    private final InetAddress localAddress;
    private final Duration timeout;
    private final int maxTimeouts;

    /** @param localAddress the device's own address: file servers check where transfers come from */
    public Tftp(InetAddress localAddress, Duration timeout, int maxTimeouts) {
        this.localAddress = localAddress;
        this.timeout = timeout;
        this.maxTimeouts = maxTimeouts;
    }

    public byte[] download(InetAddress server, int port, String fileName, long maxBytes) throws TransferFailure {
        TFTPClient client = open();
        CountingOutput out = new CountingOutput(maxBytes);
        try {
            client.receiveFile(fileName, TFTP.BINARY_MODE, out, server, port);
            return out.toByteArray();
        } catch (UncheckedIOException e) {
            throw new TransferFailure(FailCause.NO_MEMORY, "file exceeds " + maxBytes + " bytes", out.size());
        } catch (IOException e) {
            throw failure(e, out.size());
        } finally {
            client.close();
        }
    }

    public long upload(InetAddress server, int port, String fileName, byte[] content) throws TransferFailure {
        TFTPClient client = open();
        try (InputStream in = new ByteArrayInputStream(content)) {
            client.sendFile(fileName, TFTP.BINARY_MODE, in, server, port);
            return client.getTotalBytesSent();
        } catch (IOException e) {
            throw failure(e, client.getTotalBytesSent());
        } finally {
            client.close();
        }
    }

    private TFTPClient open() throws TransferFailure {
        TFTPClient client = new TFTPClient();
        client.setDefaultTimeout(timeout);
        client.setMaxTimeouts(maxTimeouts);
        try {
            client.open(0, localAddress);
        } catch (IOException e) {
            throw new TransferFailure(FailCause.TRANSFER_FAILED, "cannot open a TFTP socket: " + e.getMessage(), 0);
        }
        return client;
    }

    static TransferFailure failure(IOException e, long bytes) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Matcher error = ERROR.matcher(text);
        if (error.matches()) {
            int code = Integer.parseInt(error.group(1));
            String message = error.group(2);
            FailCause cause = code == TFTPErrorPacket.FILE_NOT_FOUND ? FailCause.BAD_FILE_NAME
                    : code == TFTPErrorPacket.OUT_OF_SPACE ? FailCause.NO_MEMORY
                            : FailCause.TRANSFER_FAILED;
            return new TransferFailure(cause, "TFTP error " + code + ": " + message, bytes);
        }
        if (text.toLowerCase(Locale.ROOT).contains("timed out")) {
            return new TransferFailure(FailCause.TIMEOUT, "TFTP server did not answer: " + text, bytes);
        }
        return new TransferFailure(FailCause.TRANSFER_FAILED, "TFTP transfer failed: " + text, bytes);
    }

    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }

    private static final class CountingOutput extends ByteArrayOutputStream {
        private final long max;

        CountingOutput(long max) {
            this.max = max;
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (count + (long) len > max) {
                throw new UncheckedIOException(new TooLarge());
            }
            super.write(b, off, len);
        }
    }
}
