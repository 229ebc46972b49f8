package org.uplift.repository.ftp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.apache.ftpserver.ipfilter.SessionFilter;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.common.logging.LogThrottle;

/**
 * Bounds what connections that never become transfers can hold. MINA FtpServer only counts logged-in
 * users and closes a session only after it was silent for the idle time, so connections that never
 * log in (silent, or dribbling a line) could pile up. Here every connection counts from the moment
 * it is accepted: one client address may hold {@code maxConnectionsPerAddress}, all together
 * {@code maxLogins}, and the rest are answered 421 and closed; a connection not logged in
 * {@code loginSeconds} after it opened is closed whatever it is doing.
 *
 * <p>It is both the listener's session filter (it sees each connection as it is accepted, before any
 * worker thread does) and an Ftplet (to answer 421 and to see the login).
 */
final class ConnectionLimits extends DefaultFtplet implements SessionFilter {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimits.class);
    private static final String REFUSED = "uplift.refused";
    private static final String LOGGED_IN = "uplift.loggedIn";
    /** The deadline thread leaves when no connection is waiting to log in. */
    private static final long IDLE_THREAD_MILLIS = 5000;

    private final LogThrottle refusals = new LogThrottle("FTP connections refused or closed", 20,
            Duration.ofSeconds(10));
    private final int maxConnections;
    private final int maxPerAddress;
    private final int loginSeconds;
    private final ScheduledThreadPoolExecutor deadlines;
    private final Map<InetAddress, Integer> perAddress = new HashMap<>();
    private int total;

    ConnectionLimits(FtpSettings settings) {
        this.maxConnections = settings.maxLogins();
        this.maxPerAddress = settings.maxConnectionsPerAddress();
        this.loginSeconds = settings.loginSeconds();
        this.deadlines = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "uplift-ftp-login-deadline");
            thread.setDaemon(true);
            return thread;
        });
        deadlines.setRemoveOnCancelPolicy(true);
        deadlines.setKeepAliveTime(IDLE_THREAD_MILLIS, TimeUnit.MILLISECONDS);
        deadlines.allowCoreThreadTimeOut(true);
    }

    /** Connections open now, refused ones still closing left out. */
    synchronized int connections() {
        return total;
    }

    /** Counts the connection or marks it refused, and sets its login deadline. */
    @Override
    public boolean accept(IoSession session) {
        if (!(session.getRemoteAddress() instanceof InetSocketAddress remote)) {
            return false; // gone before it was accepted
        }
        InetAddress address = remote.getAddress();
        String refusal = admit(address);
        if (refusal != null) {
            session.setAttribute(REFUSED, refusal);
        } else {
            session.getCloseFuture().addListener(closed -> release(address));
        }
        ScheduledFuture<?> deadline = deadlines.schedule(() -> closeIfNotLoggedIn(session, address), loginSeconds,
                TimeUnit.SECONDS);
        session.getCloseFuture().addListener(closed -> deadline.cancel(false));
        return true;
    }

    /** A refused connection gets its 421 here, where replies can be written, and is then closed. */
    @Override
    public FtpletResult onConnect(FtpSession session) throws FtpException {
        Object refusal = session.getAttribute(REFUSED);
        if (refusal == null) {
            return FtpletResult.DEFAULT;
        }
        refusals.warn(LOG, "FTP: refused the connection from {}: {}", address(session), refusal);
        session.write(new DefaultFtpReply(FtpReply.REPLY_421_SERVICE_NOT_AVAILABLE_CLOSING_CONTROL_CONNECTION,
                "Too many connections, try again later."));
        return FtpletResult.DISCONNECT;
    }

    @Override
    public FtpletResult afterCommand(FtpSession session, FtpRequest request, FtpReply reply) {
        if (session.isLoggedIn() && session.getAttribute(LOGGED_IN) == null) {
            session.setAttribute(LOGGED_IN, Boolean.TRUE);
        }
        return FtpletResult.DEFAULT;
    }

    void stop() {
        deadlines.shutdownNow();
    }

    private synchronized String admit(InetAddress address) {
        int fromAddress = perAddress.getOrDefault(address, 0);
        if (fromAddress >= maxPerAddress) {
            return fromAddress + " connections from this address are open (ftpMaxConnectionsPerAddress "
                    + maxPerAddress + ")";
        }
        if (total >= maxConnections) {
            return total + " connections are open (ftpMaxLogins " + maxConnections + ")";
        }
        perAddress.put(address, fromAddress + 1);
        total++;
        return null;
    }

    private synchronized void release(InetAddress address) {
        perAddress.computeIfPresent(address, (a, n) -> n > 1 ? n - 1 : null);
        total--;
    }

    private void closeIfNotLoggedIn(IoSession session, InetAddress address) {
        if (!session.containsAttribute(LOGGED_IN) && !session.containsAttribute(REFUSED)) {
            refusals.warn(LOG, "FTP: closed the connection from {}: not logged in within {} s (ftpLoginSeconds)",
                    address.getHostAddress(), loginSeconds);
        }
        if (!session.containsAttribute(LOGGED_IN)) {
            session.closeNow();
        }
    }

    private static String address(FtpSession session) {
        return session.getClientAddress() == null ? "?" : session.getClientAddress().getAddress().getHostAddress();
    }
}
