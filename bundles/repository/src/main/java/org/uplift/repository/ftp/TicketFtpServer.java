package org.uplift.repository.ftp;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.Ftplet;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.listener.ListenerFactory;
import org.uplift.repository.ticket.TicketRegistry;

/**
 * Apache MINA FtpServer, embedded, serving only tickets: each ticket is a user with its own password,
 * seeing one file; passive mode only (devices behind NAT cannot take active connections and active
 * mode would let a client aim our data connection anywhere).
 */
public final class TicketFtpServer {

    /** Worker threads idle this long leave (MINA keeps them 30 s). */
    private static final long IDLE_THREAD_MILLIS = 5000;

    private final FtpServer server;
    private final Listener listener;
    private final ConnectionLimits limits;

    public TicketFtpServer(FtpSettings settings, TicketRegistry tickets) throws IOException {
        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setActiveEnabled(false);
        // the data connection must come from the address that logged in, or a stranger could take the file
        data.setPassiveIpCheck(true);
        data.setPassiveAddress(settings.bindAddress().getHostAddress());
        data.setPassiveExternalAddress(settings.advertisedHost());
        if (!settings.passivePorts().isBlank()) {
            data.setPassivePorts(settings.passivePorts().trim());
        }
        data.setIdleTime(settings.idleSeconds());

        this.limits = new ConnectionLimits(settings);
        ListenerFactory listenerFactory = new ListenerFactory();
        listenerFactory.setSessionFilter(limits);
        listenerFactory.setServerAddress(settings.bindAddress().getHostAddress());
        listenerFactory.setPort(settings.port());
        listenerFactory.setIdleTimeout(settings.idleSeconds());
        listenerFactory.setDataConnectionConfiguration(data.createDataConnectionConfiguration());

        ConnectionConfigFactory connections = new ConnectionConfigFactory();
        connections.setAnonymousLoginEnabled(false);
        connections.setMaxLogins(settings.maxLogins());
        connections.setMaxThreads(Math.max(4, Math.min(settings.maxLogins(), 32)));
        connections.setMaxLoginFailures(3);
        connections.setLoginFailureDelay(500);

        FtpServerFactory factory = new FtpServerFactory();
        this.listener = listenerFactory.createListener();
        factory.addListener("default", listener);
        factory.setConnectionConfig(connections.createConnectionConfig());
        factory.setUserManager(new TicketUserManager(tickets, settings.idleSeconds()));
        factory.setFileSystem(new TicketFileSystemFactory(tickets));
        Map<String, Ftplet> ftplets = new LinkedHashMap<>();
        // first, so a refused connection is answered 421 before anything else sees it
        ftplets.put("uplift-connections", limits);
        ftplets.put("uplift-tickets", new TicketGuard(tickets));
        factory.setFtplets(ftplets);
        this.server = factory.createServer();
        try {
            server.start();
            MinaWorkers.tune(server, IDLE_THREAD_MILLIS);
        } catch (FtpException | RuntimeException e) {
            limits.stop();
            throw new IOException("cannot listen for FTP on " + settings.bindAddress().getHostAddress() + ":"
                    + settings.port() + " (" + e.getMessage() + "); set another bindAddress or ftpPort", e);
        }
    }

    public int port() {
        return listener.getPort();
    }

    /** Control connections open now. */
    public int connections() {
        return limits.connections();
    }

    public void stop() {
        server.stop();
        limits.stop();
    }
}
