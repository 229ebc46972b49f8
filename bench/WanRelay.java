import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A userspace UDP relay that emulates a WAN link between a TFTP client and a server on loopback:
 * per-packet one-way delay, jitter, loss and reordering in both directions, seeded so a run repeats.
 * Benchmarks only ({@code bench/tftp-bench.sh} with {@code WAN=1}); loopback addresses only.
 *
 * <pre>
 * java bench/WanRelay.java --server 127.0.0.1:6969 [--listen 127.0.0.1:0] [--delay-ms 10]
 *     [--jitter-ms 0] [--loss 0.5] [--reorder 0] [--reorder-ms 5] [--seed 1] [--idle-ms 30000]
 *     [--max-sessions 256] [--trace]
 * </pre>
 *
 * Prints {@code PORT <n>} once it listens and, on exit, what it forwarded and dropped (stderr).
 *
 * <p>TFTP answers a request from a new port, the transfer's own (its TID), and the client then sends
 * to whatever address the answer came from. So the relay keeps, per client address (a session), one
 * socket towards the server, and per server port that answers on it, one socket towards the client:
 *
 * <pre>
 * client ──RRQ──▶ listen port ─────────────▶ (session socket S) ──▶ server:listen
 * client ◀─DATA── mapped socket C(T) ◀────── (session socket S) ◀── server:T (transfer port)
 * client ──ACK──▶ mapped socket C(T) ─────▶ (session socket S) ──▶ server:T
 * </pre>
 *
 * Sessions idle for {@code --idle-ms} are closed, and at most {@code --max-sessions} exist (the
 * least recently active goes first), so the relay holds a bounded number of sockets.
 *
 * <p>Fates are drawn from one random sequence per session and direction (the n-th session, counting
 * from 0, is seeded with {@code --seed} + n), three draws per packet whatever the options: the n-th
 * packet of the n-th transfer meets the same fate in every run and against every server. {@code --loss} and {@code --reorder} are percentages. Jitter
 * alone keeps a direction's order (a real queue does); a reordered packet is held {@code --reorder-ms}
 * longer so that the next ones overtake it.
 */
public final class WanRelay {

    private static final int MAX_DATAGRAM = 65536;
    /** Packets held in the delay line, beyond which the relay tail-drops (and counts it). */
    private static final long MAX_QUEUED_BYTES = 64L << 20;
    private static final int SOCKET_BUFFER = 4 << 20;

    private final InetSocketAddress server;
    private final long delayNanos;
    private final long jitterNanos;
    private final double loss;
    private final double reorder;
    private final long reorderNanos;
    private final long seed;
    private final long idleNanos;
    private final int maxSessions;
    private final boolean trace;

    private final Selector selector;
    private final DatagramChannel listen;
    private final Map<SocketAddress, Session> sessions = new LinkedHashMap<>(16, 0.75f, true);
    private final PriorityQueue<Pending> line = new PriorityQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    private long queuedBytes;
    private long sequence;
    private long sessionsOpened;
    private final long started = System.nanoTime();
    private final Stats up = new Stats("client->server");
    private final Stats down = new Stats("server->client");

    WanRelay(Map<String, String> args) throws IOException {
        this.server = address(required(args, "server"));
        this.delayNanos = millis(args.getOrDefault("delay-ms", "10"));
        this.jitterNanos = millis(args.getOrDefault("jitter-ms", "0"));
        this.loss = Double.parseDouble(args.getOrDefault("loss", "0")) / 100;
        this.reorder = Double.parseDouble(args.getOrDefault("reorder", "0")) / 100;
        this.reorderNanos = millis(args.getOrDefault("reorder-ms", "5"));
        this.seed = Long.parseLong(args.getOrDefault("seed", "1"));
        this.idleNanos = millis(args.getOrDefault("idle-ms", "30000"));
        this.maxSessions = Integer.parseInt(args.getOrDefault("max-sessions", "256"));
        this.trace = args.containsKey("trace");
        this.selector = Selector.open();
        this.listen = open(address(args.getOrDefault("listen", "127.0.0.1:0")));
        listen.register(selector, SelectionKey.OP_READ, null);
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i < argv.length; i++) {
            if (!argv[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + argv[i]);
            }
            String name = argv[i].substring(2);
            boolean flag = name.equals("trace");
            args.put(name, flag ? "" : argv[++i]);
        }
        WanRelay relay = new WanRelay(args);
        Runtime.getRuntime().addShutdownHook(new Thread(relay::report));
        System.out.println("PORT " + ((InetSocketAddress) relay.listen.getLocalAddress()).getPort());
        System.out.flush();
        relay.run();
    }

    private void run() throws IOException {
        long lastSweep = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            Pending next = line.peek();
            long waitNanos = next == null ? 1_000_000_000L : next.due - now;
            if (waitNanos > 0) {
                // select() takes milliseconds: wake up at the due time, rounded up
                selector.select(Math.max(1, (waitNanos + 999_999) / 1_000_000));
            } else {
                selector.selectNow();
            }
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                if (key.isValid() && key.isReadable()) {
                    drain(key);
                }
            }
            sendDue();
            if (System.nanoTime() - lastSweep > 1_000_000_000L) {
                lastSweep = System.nanoTime();
                expireIdle(lastSweep);
            }
        }
    }

    /** Reads every datagram waiting on the socket, so a burst is taken while the kernel still holds it. */
    private void drain(SelectionKey key) throws IOException {
        DatagramChannel channel = (DatagramChannel) key.channel();
        while (true) {
            buffer.clear();
            InetSocketAddress from = (InetSocketAddress) channel.receive(buffer);
            if (from == null) {
                return;
            }
            buffer.flip();
            byte[] data = new byte[buffer.remaining()];
            buffer.get(data);
            Object attachment = key.attachment();
            if (attachment == null) {
                fromClientToListen(from, data);
            } else if (attachment instanceof Session session) {
                fromServer(session, from, data);
            } else {
                fromClientToMapped((Mapping) attachment, from, data);
            }
        }
    }

    private void fromClientToListen(InetSocketAddress client, byte[] data) throws IOException {
        Session session = sessions.get(client);
        if (session == null) {
            if (sessions.size() >= maxSessions) {
                sessions.values().iterator().next().close(); // least recently active
            }
            session = new Session(client);
            sessions.put(client, session);
        }
        session.touch();
        forward(session, session.up, up, session.toServer, server, data);
    }

    private void fromServer(Session session, InetSocketAddress serverTid, byte[] data) throws IOException {
        Mapping mapping = session.mappings.get(serverTid);
        if (mapping == null) {
            mapping = new Mapping(session, serverTid, open(new InetSocketAddress(listenAddress(), 0)));
            mapping.toClient.register(selector, SelectionKey.OP_READ, mapping);
            session.mappings.put(serverTid, mapping);
        }
        session.touch();
        forward(session, session.down, down, mapping.toClient, session.client, data);
    }

    private void fromClientToMapped(Mapping mapping, InetSocketAddress from, byte[] data) throws IOException {
        if (!from.equals(mapping.session.client)) {
            up.strangers.incrementAndGet(); // not this session's client: a real NAT would drop it too
            return;
        }
        mapping.session.touch();
        forward(mapping.session, mapping.session.up, up, mapping.session.toServer, mapping.serverTid, data);
    }

    /** Draws the packet's fate and puts it in the delay line, or drops it. */
    private void forward(Session session, Direction direction, Stats stats, DatagramChannel via, SocketAddress to,
            byte[] data) {
        long packet = direction.count++;
        boolean lost = direction.random.nextDouble() < loss;
        long jitter = (long) (direction.random.nextDouble() * jitterNanos);
        boolean late = direction.random.nextDouble() < reorder;
        if (trace) {
            System.err.printf("%10.3f ms %s #%d %s%s%s%n", (System.nanoTime() - started) / 1e6, stats.name, packet,
                    describe(data), lost ? " LOST" : "",
                    late && !lost ? " LATE" : "");
        }
        if (lost) {
            stats.lost.incrementAndGet();
            return;
        }
        if (queuedBytes + data.length > MAX_QUEUED_BYTES) {
            stats.overflow.incrementAndGet();
            return;
        }
        long due = System.nanoTime() + delayNanos + jitter;
        // jitter alone keeps the order; only a packet chosen to be late is overtaken
        due = Math.max(due, direction.lastDue);
        direction.lastDue = due;
        if (late) {
            due += reorderNanos;
            stats.reordered.incrementAndGet();
        }
        queuedBytes += data.length;
        line.add(new Pending(due, sequence++, via, to, data, stats));
    }

    private void sendDue() throws IOException {
        long now = System.nanoTime();
        while (!line.isEmpty() && line.peek().due <= now) {
            Pending pending = line.poll();
            queuedBytes -= pending.data.length;
            try {
                pending.via.send(ByteBuffer.wrap(pending.data), pending.to);
                pending.stats.forwarded.incrementAndGet();
            } catch (ClosedChannelException e) {
                pending.stats.expired.incrementAndGet(); // its session expired while it was delayed
            } catch (IOException e) {
                pending.stats.errors.incrementAndGet(); // e.g. ICMP port unreachable from a closed peer
            }
        }
    }

    private void expireIdle(long now) {
        List<Session> idle = new ArrayList<>();
        for (Session session : sessions.values()) {
            if (now - session.lastActive > idleNanos) {
                idle.add(session);
            }
        }
        idle.forEach(Session::close);
    }

    private InetAddress listenAddress() throws IOException {
        return ((InetSocketAddress) listen.getLocalAddress()).getAddress();
    }

    private DatagramChannel open(InetSocketAddress bind) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        // a window of large blocks arrives at once: the relay must not add losses of its own
        channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
        channel.bind(bind);
        channel.configureBlocking(false);
        return channel;
    }

    private void report() {
        System.err.printf("relay: %d sessions open; %s; %s%n", sessions.size(), up, down);
        System.err.flush();
    }

    private static String describe(byte[] data) {
        if (data.length < 4) {
            return data.length + " bytes";
        }
        int opcode = (data[0] & 0xff) << 8 | data[1] & 0xff;
        int block = (data[2] & 0xff) << 8 | data[3] & 0xff;
        return switch (opcode) {
            case 1 -> "RRQ";
            case 2 -> "WRQ";
            case 3 -> "DATA " + block + " (" + (data.length - 4) + " bytes)";
            case 4 -> "ACK " + block;
            case 5 -> "ERROR " + block;
            case 6 -> "OACK";
            default -> "opcode " + opcode;
        };
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        InetSocketAddress address = new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
        if (address.getAddress() == null || !address.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException(hostPort + " is not a loopback address: the relay is for benchmarks on"
                    + " this host only");
        }
        return address;
    }

    private static long millis(String value) {
        return (long) (Double.parseDouble(value) * 1_000_000);
    }

    private static String required(Map<String, String> args, String name) {
        String value = args.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    /** One client address: its socket towards the server and one socket per server port that answered. */
    private final class Session {
        final InetSocketAddress client;
        final DatagramChannel toServer;
        final Map<InetSocketAddress, Mapping> mappings = new HashMap<>();
        final Direction up;
        final Direction down;
        long lastActive = System.nanoTime();

        Session(InetSocketAddress client) throws IOException {
            this.client = client;
            this.toServer = open(new InetSocketAddress(server.getAddress(), 0));
            toServer.register(selector, SelectionKey.OP_READ, this);
            // one sequence per session and direction, the n-th session seeded seed + n: the n-th transfer
            // through a relay meets the same fates in every run, whichever server answers it
            long sessionSeed = seed + sessionsOpened++;
            this.up = new Direction(new Random(sessionSeed * 31 + 1));
            this.down = new Direction(new Random(sessionSeed * 31 + 2));
        }

        void touch() {
            lastActive = System.nanoTime();
        }

        void close() {
            sessions.remove(client);
            closeQuietly(toServer);
            mappings.values().forEach(m -> closeQuietly(m.toClient));
        }

        private void closeQuietly(DatagramChannel channel) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    /** The socket the client sees as the server's transfer port {@code serverTid}. */
    private record Mapping(Session session, InetSocketAddress serverTid, DatagramChannel toClient) {
    }

    private static final class Direction {
        final Random random;
        long count;
        long lastDue;

        Direction(Random random) {
            this.random = random;
        }
    }

    private record Pending(long due, long sequence, DatagramChannel via, SocketAddress to, byte[] data, Stats stats)
            implements
                Comparable<Pending> {
        @Override
        public int compareTo(Pending other) {
            int byDue = Long.compare(due, other.due);
            return byDue != 0 ? byDue : Long.compare(sequence, other.sequence);
        }
    }

    private static final class Stats {
        final String name;
        final AtomicLong forwarded = new AtomicLong();
        final AtomicLong lost = new AtomicLong();
        final AtomicLong reordered = new AtomicLong();
        final AtomicLong overflow = new AtomicLong();
        final AtomicLong expired = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong strangers = new AtomicLong();

        Stats(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return String.format("%s: %d forwarded, %d lost, %d late, %d overflow, %d expired, %d errors, %d strangers",
                    name, forwarded.get(), lost.get(), reordered.get(), overflow.get(), expired.get(), errors.get(),
                    strangers.get());
        }
    }
}
