package org.uplift.repository.tftp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** A hand-rolled TFTP client for what Commons Net's TFTPClient cannot send: options, bad requests. */
final class RawTftp implements AutoCloseable {

    static final int RRQ = 1;
    static final int WRQ = 2;
    static final int DATA = 3;
    static final int ACK = 4;
    static final int ERROR = 5;
    static final int OACK = 6;

    private final DatagramSocket socket;
    private final int serverPort;

    RawTftp(String bindAddress, int serverPort) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(bindAddress), 0));
        this.socket.setSoTimeout(3000);
        this.serverPort = serverPort;
    }

    static byte[] request(int opcode, String name, String mode, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(opcode);
        for (String part : concat(name, mode, options)) {
            out.writeBytes(part.getBytes(StandardCharsets.ISO_8859_1));
            out.write(0);
        }
        return out.toByteArray();
    }

    private static String[] concat(String name, String mode, String[] options) {
        String[] all = new String[options.length + 2];
        all[0] = name;
        all[1] = mode;
        System.arraycopy(options, 0, all, 2, options.length);
        return all;
    }

    /** Asks the kernel for a receive buffer of {@code bytes}; returns what it granted, which may differ. */
    int receiveBufferSize(int bytes) throws IOException {
        socket.setReceiveBufferSize(bytes);
        return socket.getReceiveBufferSize();
    }

    void sendRequest(int opcode, String name, String mode, String... options) throws IOException {
        sendRaw(request(opcode, name, mode, options));
    }

    void sendRaw(byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), serverPort));
    }

    void send(SocketAddress to, byte[] bytes) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    static byte[] ack(int block) {
        return new byte[]{0, ACK, (byte) (block >> 8), (byte) block};
    }

    static byte[] data(int block, byte[] content, int from, int length) {
        byte[] packet = new byte[4 + length];
        packet[1] = DATA;
        packet[2] = (byte) (block >> 8);
        packet[3] = (byte) block;
        System.arraycopy(content, from, packet, 4, length);
        return packet;
    }

    /** The next datagram, or {@code null} if none arrives within {@code millis}. */
    DatagramPacket receive(int millis) throws IOException {
        byte[] buffer = new byte[70_000];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.setSoTimeout(millis);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return packet;
    }

    DatagramPacket receive() throws IOException {
        DatagramPacket packet = receive(3000);
        if (packet == null) {
            throw new IOException("no answer within 3 s");
        }
        return packet;
    }

    /** Sends a request and returns the TFTP error code it is answered with. */
    int refusalOf(int opcode, String name, String... options) throws IOException {
        sendRequest(opcode, name, "octet", options);
        return errorCode(receive());
    }

    static int opcode(DatagramPacket packet) {
        return (packet.getData()[0] & 0xff) << 8 | packet.getData()[1] & 0xff;
    }

    static int block(DatagramPacket packet) {
        return (packet.getData()[2] & 0xff) << 8 | packet.getData()[3] & 0xff;
    }

    static int errorCode(DatagramPacket packet) {
        if (opcode(packet) != ERROR) {
            throw new AssertionError("expected an ERROR packet, got opcode " + opcode(packet));
        }
        return block(packet);
    }

    static String errorMessage(DatagramPacket packet) {
        byte[] data = packet.getData();
        int end = 4;
        while (end < packet.getLength() && data[end] != 0) {
            end++;
        }
        return new String(data, 4, end - 4, StandardCharsets.US_ASCII);
    }

    static byte[] payload(DatagramPacket packet) {
        return Arrays.copyOfRange(packet.getData(), 4, packet.getLength());
    }

    static Map<String, String> options(DatagramPacket oack) {
        Map<String, String> options = new LinkedHashMap<>();
        String[] parts = new String(oack.getData(), 2, oack.getLength() - 2, StandardCharsets.US_ASCII).split("\0");
        for (int i = 0; i + 1 < parts.length; i += 2) {
            options.put(parts[i], parts[i + 1]);
        }
        return options;
    }

    @Override
    public void close() {
        socket.close();
    }
}
