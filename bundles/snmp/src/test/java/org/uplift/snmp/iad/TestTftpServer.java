package org.uplift.snmp.iad;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.net.tftp.TFTP;
import org.apache.commons.net.tftp.TFTPAckPacket;
import org.apache.commons.net.tftp.TFTPDataPacket;
import org.apache.commons.net.tftp.TFTPErrorPacket;
import org.apache.commons.net.tftp.TFTPPacket;
import org.apache.commons.net.tftp.TFTPPacketException;
import org.apache.commons.net.tftp.TFTPReadRequestPacket;
import org.apache.commons.net.tftp.TFTPWriteRequestPacket;

/** A minimal TFTP server on 127.0.0.1 for tests: serves {@link #served}, stores uploads in {@link #received}. */
public final class TestTftpServer implements AutoCloseable {

    private static final int BLOCK = 512;
    private static final int MAX_TIMEOUTS = 5;

    public final Map<String, byte[]> served = new ConcurrentHashMap<>();
    public final Map<String, byte[]> received = new ConcurrentHashMap<>();

    private final TFTP control = new TFTP();
    private final Thread thread;
    private volatile boolean running = true;

    public TestTftpServer() throws IOException {
        control.setDefaultTimeout(Duration.ofMillis(200));
        control.open(0, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "test-tftp-server");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return control.getLocalPort();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2000);
        control.close();
    }

    private void serve() {
        while (running) {
            try {
                TFTPPacket request = control.receive();
                if (request instanceof TFTPWriteRequestPacket write) {
                    receive(write);
                } else if (request instanceof TFTPReadRequestPacket read) {
                    send(read);
                }
            } catch (SocketTimeoutException e) {
                // look at running again
            } catch (IOException | TFTPPacketException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void receive(TFTPWriteRequestPacket request) throws IOException, TFTPPacketException {
        try (TFTP transfer = open()) {
            InetAddress peer = request.getAddress();
            int port = request.getPort();
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            int expected = 1;
            int timeouts = 0;
            transfer.send(new TFTPAckPacket(peer, port, 0));
            while (timeouts < MAX_TIMEOUTS) {
                TFTPPacket packet;
                try {
                    packet = transfer.receive();
                } catch (SocketTimeoutException e) {
                    timeouts++;
                    transfer.send(new TFTPAckPacket(peer, port, (expected - 1) & 0xFFFF));
                    continue;
                }
                if (packet instanceof TFTPDataPacket data) {
                    if (data.getBlockNumber() == (expected & 0xFFFF)) {
                        content.write(data.getData(), data.getDataOffset(), data.getDataLength());
                        transfer.send(new TFTPAckPacket(peer, port, data.getBlockNumber()));
                        if (data.getDataLength() < BLOCK) {
                            received.put(request.getFilename(), content.toByteArray());
                            return;
                        }
                        expected++;
                    } else {
                        transfer.send(new TFTPAckPacket(peer, port, data.getBlockNumber()));
                    }
                }
            }
        }
    }

    private void send(TFTPReadRequestPacket request) throws IOException, TFTPPacketException {
        try (TFTP transfer = open()) {
            InetAddress peer = request.getAddress();
            int port = request.getPort();
            byte[] content = served.get(request.getFilename());
            if (content == null) {
                transfer.send(new TFTPErrorPacket(peer, port, TFTPErrorPacket.FILE_NOT_FOUND, "File not found"));
                return;
            }
            int blocks = content.length / BLOCK + 1;
            for (int block = 1; block <= blocks; block++) {
                int offset = (block - 1) * BLOCK;
                byte[] chunk = Arrays.copyOfRange(content, offset, Math.min(content.length, offset + BLOCK));
                if (!sendBlock(transfer, new TFTPDataPacket(peer, port, block & 0xFFFF, chunk))) {
                    return;
                }
            }
        }
    }

    private static boolean sendBlock(TFTP transfer, TFTPDataPacket data) throws IOException, TFTPPacketException {
        for (int attempt = 0; attempt < MAX_TIMEOUTS; attempt++) {
            transfer.send(data);
            try {
                while (true) {
                    TFTPPacket answer = transfer.receive();
                    if (answer instanceof TFTPAckPacket ack && ack.getBlockNumber() == data.getBlockNumber()) {
                        return true;
                    }
                    if (answer instanceof TFTPErrorPacket) {
                        return false;
                    }
                }
            } catch (SocketTimeoutException e) {
                // send the block again
            }
        }
        return false;
    }

    private static TFTP open() throws IOException {
        TFTP transfer = new TFTP();
        transfer.setDefaultTimeout(Duration.ofMillis(500));
        transfer.open(0, InetAddress.getLoopbackAddress());
        return transfer;
    }
}
