package org.uplift.repository.tftp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A bounded TFTP flood from one loopback address, in rounds. Each round sends malformed packets,
 * unknown opcodes, requests for names no ticket has, oversized datagrams, ERROR/ACK/garbage to the
 * ports of live transfers (from a port that is not their peer), and, on the flooder's own tickets,
 * read requests it never acknowledges (half-open, some with blksize/windowsize), stale duplicate
 * ACKs to those transfers and write requests it never sends data for. Every reply is read and
 * counted, so a test can tell what the server answered.
 *
 * <p>Single-threaded and non-blocking: a round is sent, then whatever came back is drained.
 */
final class TftpFlood {

    /** UDP's largest payload over IPv4. */
    static final int OVERSIZED = 65_507;
    private static final int HALF_OPEN_CHANNELS = 24;
    private static final int WRITE_CHANNELS = 4;
    private static final int BOGUS_CHANNELS = 4;

    /** What one half-open read transfer (one server port) sent the flooder. */
    static final class HalfOpen {
        final boolean windowed;
        int oacks;
        int data;

        HalfOpen(boolean windowed) {
            this.windowed = windowed;
        }
    }

    private final InetSocketAddress server;
    private final String readName;
    private final String writeName;
    private final Supplier<List<Integer>> livePorts;
    private final Random random = new Random(42);
    private final ByteBuffer in = ByteBuffer.allocate(70_000);
    private final List<DatagramChannel> halfOpen = new ArrayList<>();
    private final List<DatagramChannel> writers = new ArrayList<>();
    private final List<DatagramChannel> bogus = new ArrayList<>();

    // filled by one thread, read after it ended
    long sent;
    long dropped;
    long replies;
    /** Answers to packets that named no ticket, by opcode: anything but ERROR is a ticket honoured. */
    final Map<Integer, Long> bogusRepliesByOpcode = new HashMap<>();
    final Map<Integer, Long> errorCodes = new HashMap<>();
    /** Half-open read transfers by the server port (TID) that served them, per flooder channel. */
    final Map<String, HalfOpen> transfers = new HashMap<>();
    long writeAcks;
    long busyRefusals;
    long rounds;

    /**
     * @param readName  a read ticket of the flooder's own address, for half-open reads
     * @param writer    a second flooding address, so its uploads find slots its reads do not hold
     * @param writeName a write ticket of {@code writer}, for uploads that never send data
     * @param livePorts the ports of the transfers running now (others' and the flooder's own)
     */
    TftpFlood(InetAddress flooder, InetAddress writer, int serverPort, String readName, String writeName,
            Supplier<List<Integer>> livePorts) throws IOException {
        this.server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
        this.readName = readName;
        this.writeName = writeName;
        this.livePorts = livePorts;
        open(halfOpen, HALF_OPEN_CHANNELS, flooder);
        open(writers, WRITE_CHANNELS, writer);
        open(bogus, BOGUS_CHANNELS, flooder);
    }

    private static void open(List<DatagramChannel> channels, int count, InetAddress address) throws IOException {
        for (int i = 0; i < count; i++) {
            DatagramChannel channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress(address, 0));
            channel.configureBlocking(false);
            channels.add(channel);
        }
    }

    /** Sends {@code rounds} rounds, {@code pauseMillis} apart, or until {@code deadlineNanos}. */
    void run(int rounds, long pauseMillis, long deadlineNanos) throws IOException, InterruptedException {
        for (int r = 0; r < rounds && System.nanoTime() < deadlineNanos; r++) {
            round(r);
            this.rounds++;
            drain();
            if (pauseMillis > 0) {
                Thread.sleep(pauseMillis);
            }
            drain();
        }
    }

    void close() {
        for (List<DatagramChannel> channels : List.of(halfOpen, writers, bogus)) {
            for (DatagramChannel channel : channels) {
                try {
                    channel.close();
                } catch (IOException e) {
                    // closing a datagram channel has nothing to flush
                }
            }
        }
    }

    /** The most DATA packets any half-open transfer of window 1 / of a window sent. */
    int maxDataPerTransfer(boolean windowed) {
        return transfers.values().stream().filter(t -> t.windowed == windowed).mapToInt(t -> t.data).max().orElse(0);
    }

    private void round(int r) throws IOException {
        DatagramChannel noise = bogus.get(r % bogus.size());
        for (int i = 0; i < 40; i++) {
            send(noise, server, malformed());
        }
        for (int i = 0; i < 20; i++) {
            send(noise, server, unknownOpcode());
        }
        for (int i = 0; i < 30; i++) {
            send(noise, server, noTicketRequest(i));
        }
        send(noise, server, oversized(RawTftp.RRQ));
        send(noise, server, oversized(7));
        // half-open reads: a repeat from a channel whose transfer runs is ignored as a duplicate
        for (int i = 0; i < halfOpen.size(); i++) {
            boolean windowed = i % 3 == 0;
            send(halfOpen.get(i), server, windowed
                    ? RawTftp.request(RawTftp.RRQ, readName, "octet", "blksize", "1428", "windowsize", "16")
                    : RawTftp.request(RawTftp.RRQ, readName, "octet"));
        }
        send(writers.get(r % writers.size()), server, RawTftp.request(RawTftp.WRQ, writeName, "octet"));
        for (int port : livePorts.get()) {
            InetSocketAddress live = new InetSocketAddress(server.getAddress(), port);
            send(noise, live, error(random.nextInt(8), "flood"));
            send(noise, live, error(0, ""));
            send(noise, live, RawTftp.ack(random.nextInt(65536)));
            send(noise, live, malformed());
        }
        List<Integer> ports = livePorts.get();
        if (!ports.isEmpty()) {
            send(noise, new InetSocketAddress(server.getAddress(), ports.get(r % ports.size())), oversized(3));
        }
    }

    private void send(DatagramChannel channel, SocketAddress to, byte[] packet) throws IOException {
        if (channel.send(ByteBuffer.wrap(packet), to) == 0) {
            dropped++;
        } else {
            sent++;
        }
    }

    private void drain() throws IOException {
        for (DatagramChannel channel : bogus) {
            for (SocketAddress from = receive(channel); from != null; from = receive(channel)) {
                int opcode = opcode();
                bogusRepliesByOpcode.merge(opcode, 1L, Long::sum);
                countError(opcode);
            }
        }
        for (int i = 0; i < halfOpen.size(); i++) {
            DatagramChannel channel = halfOpen.get(i);
            for (SocketAddress from = receive(channel); from != null; from = receive(channel)) {
                halfOpenReply(channel, i % 3 == 0, (InetSocketAddress) from);
            }
        }
        for (DatagramChannel channel : writers) {
            for (SocketAddress from = receive(channel); from != null; from = receive(channel)) {
                int opcode = opcode();
                if (opcode == RawTftp.ACK || opcode == RawTftp.OACK) {
                    writeAcks++; // the upload started; no DATA will ever follow
                }
                countError(opcode);
            }
        }
    }

    private void halfOpenReply(DatagramChannel channel, boolean windowed, InetSocketAddress from) throws IOException {
        int opcode = opcode();
        countError(opcode);
        if (opcode == RawTftp.ERROR) {
            return;
        }
        String key = channel.getLocalAddress() + ">" + from.getPort();
        HalfOpen transfer = transfers.computeIfAbsent(key, k -> new HalfOpen(windowed));
        if (opcode == RawTftp.OACK) {
            transfer.oacks++;
            // accept the options once, so a window of blocks comes; then stay silent
            if (transfer.oacks == 1) {
                send(channel, from, RawTftp.ack(0));
            }
        } else if (opcode == RawTftp.DATA) {
            transfer.data++;
            // stale duplicates of the ACK before the window: the server must not answer them
            send(channel, from, RawTftp.ack(0));
            send(channel, from, RawTftp.ack(0));
        }
    }

    private void countError(int opcode) {
        if (opcode == RawTftp.ERROR) {
            int code = (in.get(2) & 0xff) << 8 | in.get(3) & 0xff;
            errorCodes.merge(code, 1L, Long::sum);
            if (code == 0 && message().equals("server busy")) {
                busyRefusals++;
            }
        }
    }

    private SocketAddress receive(DatagramChannel channel) throws IOException {
        in.clear();
        SocketAddress from = channel.receive(in);
        if (from != null) {
            in.flip();
            replies++;
        }
        return from;
    }

    private int opcode() {
        return in.remaining() < 2 ? -1 : (in.get(0) & 0xff) << 8 | in.get(1) & 0xff;
    }

    private String message() {
        int end = 4;
        while (end < in.limit() && in.get(end) != 0) {
            end++;
        }
        byte[] text = new byte[Math.max(0, end - 4)];
        in.get(4, text);
        return new String(text, StandardCharsets.US_ASCII);
    }

    private byte[] malformed() {
        byte[] packet = new byte[random.nextInt(48)];
        random.nextBytes(packet);
        if (packet.length >= 2 && random.nextBoolean()) {
            // looks like a request, but without the NULs that end its strings
            packet[0] = 0;
            packet[1] = (byte) (1 + random.nextInt(2));
            for (int i = 2; i < packet.length; i++) {
                packet[i] = (byte) ('a' + random.nextInt(26));
            }
        }
        return packet;
    }

    private byte[] unknownOpcode() {
        int opcode = random.nextInt(4) == 0 ? 3 + random.nextInt(4) : 7 + random.nextInt(65529);
        byte[] packet = new byte[4 + random.nextInt(20)];
        random.nextBytes(packet);
        packet[0] = (byte) (opcode >> 8);
        packet[1] = (byte) opcode;
        return packet;
    }

    private byte[] noTicketRequest(int i) {
        int opcode = i % 2 == 0 ? RawTftp.RRQ : RawTftp.WRQ;
        return switch (i % 6) {
            case 0, 1 -> RawTftp.request(opcode, randomTicketName(), "octet");
            case 2 -> RawTftp.request(opcode, "../../etc/passwd", "octet");
            case 3 -> RawTftp.request(opcode, randomTicketName(), "netascii", "blksize", "65464");
            case 4 -> RawTftp.request(opcode, readName.toUpperCase(), "octet", "windowsize", "64");
            default -> RawTftp.request(opcode, readName + "\\x", "octet", "tsize", "0");
        };
    }

    private String randomTicketName() {
        String base32 = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder name = new StringBuilder("up-");
        for (int i = 0; i < 20; i++) {
            name.append(base32.charAt(random.nextInt(32)));
        }
        return name.append(random.nextBoolean() ? ".bin" : ".cfg").toString();
    }

    private byte[] oversized(int opcode) {
        byte[] packet = new byte[OVERSIZED];
        for (int i = 2; i < packet.length; i++) {
            packet[i] = (byte) ('a' + i % 26);
        }
        packet[0] = (byte) (opcode >> 8);
        packet[1] = (byte) opcode;
        packet[packet.length / 2] = 0;
        return packet;
    }

    private static byte[] error(int code, String message) {
        byte[] text = message.getBytes(StandardCharsets.US_ASCII);
        byte[] packet = new byte[5 + text.length];
        packet[1] = RawTftp.ERROR;
        packet[3] = (byte) code;
        System.arraycopy(text, 0, packet, 4, text.length);
        return packet;
    }
}
