package org.uplift.repository.tftp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A bounded FTP flood from one loopback address, in rounds: connections that never send anything,
 * connections that send half a line and stall, connections that keep sending one byte of a line that
 * never ends (every {@link #read()} call sends the next, also after the rounds), wrong USER/PASS guesses (a ticket's real user with a
 * wrong password, and made-up users), and logins with the flooder's own ticket that ask for PASV
 * and never open the data connection. The flooder never closes a connection itself: each stays
 * open until the server closes it, and every reply line is counted by kind of connection.
 *
 * <p>Single-threaded and non-blocking: a round opens its connections, then whatever came back is
 * read.
 */
final class FtpFlood {

    enum Kind {
        SILENT, HALF_LINE, DRIBBLE, GUESS, PASV
    }

    /** Often enough that no idle time-out ever fires: only a login deadline ends such a connection. */
    private static final long DRIBBLE_NANOS = 400_000_000L;

    private static final class Connection {
        final Kind kind;
        final SocketChannel channel;
        final StringBuilder pending = new StringBuilder();
        long lastSent = System.nanoTime();

        Connection(Kind kind, SocketChannel channel) {
            this.kind = kind;
            this.channel = channel;
        }
    }

    private final InetSocketAddress server;
    private final InetAddress flooder;
    private final String victimUser;
    private final String ownUser;
    private final String ownPassword;
    private final Random random = new Random(7);
    private final ByteBuffer in = ByteBuffer.allocate(4096);
    private final List<Connection> open = new ArrayList<>();

    // filled by one thread, read after it ended
    long connections;
    long connectFailures;
    long closedByServer;
    /** Reply codes by kind of connection, e.g. GUESS 530. */
    final Map<String, Long> replies = new HashMap<>();
    long rounds;

    /**
     * @param victimUser  the FTP user of a ticket that is not the flooder's, guessed with wrong passwords
     * @param ownUser     the FTP user of the flooder's own ticket (for PASV without a transfer)
     */
    FtpFlood(InetAddress flooder, int serverPort, String victimUser, String ownUser, String ownPassword) {
        this.server = new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort);
        this.flooder = flooder;
        this.victimUser = victimUser;
        this.ownUser = ownUser;
        this.ownPassword = ownPassword;
    }

    /** Opens {@code rounds} rounds of connections, {@code pauseMillis} apart, or until {@code deadlineNanos}. */
    void run(int rounds, long pauseMillis, long deadlineNanos) throws IOException, InterruptedException {
        for (int r = 0; r < rounds && System.nanoTime() < deadlineNanos; r++) {
            // the per-address limit leaves few slots: each kind goes first in turn, to get one
            Kind[] kinds = Kind.values();
            for (int k = 0; k < kinds.length; k++) {
                connect(kinds[(r + k) % kinds.length], r);
            }
            connect(Kind.SILENT, r);
            this.rounds++;
            read();
            if (pauseMillis > 0) {
                Thread.sleep(pauseMillis);
            }
            read();
        }
    }

    /** Reads what arrived and dribbles on; {@code true} once the server closed every connection. */
    boolean read() {
        for (Iterator<Connection> it = open.iterator(); it.hasNext();) {
            Connection connection = it.next();
            if (readFrom(connection) || !dribble(connection)) {
                it.remove();
                closedByServer++;
                closeQuietly(connection);
            }
        }
        return open.isEmpty();
    }

    /** Connections the server has not closed yet. */
    int stillOpen() {
        return open.size();
    }

    long replies(Kind kind, int code) {
        return replies.getOrDefault(kind + " " + code, 0L);
    }

    /** Closes what the server left open (after a failed test). */
    void close() {
        open.forEach(FtpFlood::closeQuietly);
        open.clear();
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.channel.close();
        } catch (IOException e) {
            // nothing to flush
        }
    }

    private String guesses(int round) {
        String user = round % 2 == 0 ? victimUser : "u" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            lines.append("USER ").append(user).append("\r\nPASS ").append(Long.toString(random.nextLong(), 36))
                    .append("\r\n");
        }
        return lines.toString();
    }

    private void connect(Kind kind, int round) throws IOException {
        connect(kind, switch (kind) {
            case SILENT -> "";
            case HALF_LINE -> "USER " + victimUser;
            case DRIBBLE -> "U";
            case GUESS -> guesses(round);
            case PASV -> "USER " + ownUser + "\r\nPASS " + ownPassword + "\r\nTYPE I\r\nPASV\r\n";
        });
    }

    private void connect(Kind kind, String send) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.bind(new InetSocketAddress(flooder, 0));
            channel.socket().connect(server, 2000);
        } catch (IOException e) {
            connectFailures++;
            channel.close();
            return;
        }
        connections++;
        channel.configureBlocking(false);
        if (!send.isEmpty()) {
            ByteBuffer out = ByteBuffer.wrap(send.getBytes(StandardCharsets.US_ASCII));
            try {
                channel.write(out);
            } catch (IOException e) {
                // already refused and closed: the read below sees it
            }
        }
        open.add(new Connection(kind, channel));
    }

    /** {@code false} if the server closed the connection. */
    private static boolean dribble(Connection connection) {
        long now = System.nanoTime();
        if (connection.kind != Kind.DRIBBLE || now - connection.lastSent < DRIBBLE_NANOS) {
            return true;
        }
        connection.lastSent = now;
        try {
            connection.channel.write(ByteBuffer.wrap(new byte[]{'S'}));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Counts the reply lines that arrived; {@code true} at end of stream. */
    private boolean readFrom(Connection connection) {
        while (true) {
            in.clear();
            int n;
            try {
                n = connection.channel.read(in);
            } catch (IOException e) {
                return true; // reset by the server
            }
            if (n < 0) {
                return true;
            }
            if (n == 0) {
                return false;
            }
            connection.pending.append(new String(in.array(), 0, n, StandardCharsets.US_ASCII));
            int end;
            while ((end = connection.pending.indexOf("\r\n")) >= 0) {
                String line = connection.pending.substring(0, end);
                connection.pending.delete(0, end + 2);
                if (line.length() >= 4 && line.charAt(3) == ' ' && Character.isDigit(line.charAt(0))) {
                    replies.merge(connection.kind + " " + line.substring(0, 3), 1L, Long::sum);
                }
            }
        }
    }
}
