package org.uplift.repository.tftp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.repository.Endpoint;
import org.uplift.api.repository.FileServer;
import org.uplift.api.repository.FtpCredentials;
import org.uplift.api.repository.RepositoryException;
import org.uplift.api.repository.TransferProgress;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.repository.TransferTicket;
import org.uplift.common.files.PrivateFiles;
import org.uplift.repository.ftp.FtpSettings;
import org.uplift.repository.ftp.TicketFtpServer;
import org.uplift.repository.http.HttpSettings;
import org.uplift.repository.http.TicketHttpServer;
import org.uplift.repository.ticket.TicketRegistry;

/**
 * The ticketed file server: one ticket registry served over TFTP and, unless disabled, FTP and HTTP.
 * A ticket is good for any of them; its FTP user and password come with it.
 */
@Component(service = FileServer.class, configurationPid = TftpFileServer.PID)
@Designate(ocd = TftpFileServer.Config.class)
public class TftpFileServer implements FileServer {

    static final String PID = "org.uplift.tftp";

    private static final Logger LOG = LoggerFactory.getLogger(TftpFileServer.class);

    @ObjectClassDefinition(name = "Uplift TFTP, FTP and HTTP servers", description = "The TFTP, FTP and HTTP servers devices download firmware and configurations from and upload backups to")
    public @interface Config {
        @AttributeDefinition(name = "Bind address", description = "Local address the server listens on")
        String bindAddress() default "127.0.0.1";

        @AttributeDefinition(name = "Port", description = "UDP port the server listens on (69 needs privileges)")
        int port() default 6969;

        @AttributeDefinition(name = "Advertised address", description = "Address devices are told to use, e.g. behind NAT; empty means the bind address")
        String advertisedAddress() default "";

        @AttributeDefinition(name = "Staging directory", description = "Where uploads land; empty means ${karaf.data}/uplift/staging")
        String stagingDirectory() default "";

        @AttributeDefinition(name = "Maximum upload size", description = "Upper bound of any upload, in bytes")
        long maxUploadBytes() default 16L * 1024 * 1024;

        @AttributeDefinition(name = "Time-out", description = "Longest wait in milliseconds before a packet is sent again "
                + "(unless the client negotiates its own); the wait is measured from the link's round trips, from 200 ms up to this")
        int timeoutMillis() default 1000;

        @AttributeDefinition(name = "Retries", description = "Waits of the longest time-out in a row before a transfer "
                + "is given up (shorter measured waits do not count)")
        int maxRetries() default 5;

        @AttributeDefinition(name = "Largest negotiated time-out (s)", description = "A client asking for a longer "
                + "TFTP timeout option (RFC 2349) is not granted it and gets the server's own; a stalled transfer "
                + "cannot hold a slot for minutes", min = "1", max = "255")
        int maxNegotiatedTimeoutSeconds() default 10;

        @AttributeDefinition(name = "TFTP errors per source and second", description = "ERROR replies to malformed or "
                + "refused requests sent to one address per second; beyond it they are dropped, so the server cannot be "
                + "used to reflect a flood", min = "1")
        int errorsPerSourcePerSecond() default 10;

        @AttributeDefinition(name = "Concurrent transfers", description = "Transfers running at once; further requests are refused as busy")
        int maxTransfers() default 64;

        @AttributeDefinition(name = "Concurrent transfers per device", description = "Transfers one device address may run at once; further requests are refused as busy,"
                + " so one device (or a flood from its address) cannot take every slot")
        int maxTransfersPerDevice() default 4;

        @AttributeDefinition(name = "FTP enabled", description = "Also serve tickets over FTP (passive mode)")
        boolean ftpEnabled() default true;

        @AttributeDefinition(name = "FTP port", description = "TCP control port of the FTP server (21 needs privileges)")
        int ftpPort() default 2121;

        @AttributeDefinition(name = "FTP passive ports", description = "Ports for passive data connections, e.g. 2122-2199 for a firewall; empty means any free port")
        String ftpPassivePorts() default "";

        @AttributeDefinition(name = "FTP sessions", description = "Concurrent FTP connections, logged in or not; more are answered 421 and closed")
        int ftpMaxLogins() default 64;

        @AttributeDefinition(name = "FTP sessions per address", description = "Concurrent FTP connections from one client address; more are answered 421 and closed")
        int ftpMaxConnectionsPerAddress() default 8;

        @AttributeDefinition(name = "FTP login time-out", description = "Seconds a new FTP connection has to log in before it is closed, busy or not")
        int ftpLoginSeconds() default 10;

        @AttributeDefinition(name = "FTP idle time-out", description = "Seconds of silence before an FTP session is closed")
        int ftpIdleSeconds() default 60;

        @AttributeDefinition(name = "HTTP enabled", description = "Also serve tickets over HTTP: GET downloads, PUT uploads, on the bind address")
        boolean httpEnabled() default true;

        @AttributeDefinition(name = "HTTP port", description = "TCP port of the HTTP server (80 needs privileges)")
        int httpPort() default 8069;

        @AttributeDefinition(name = "HTTP connections", description = "Concurrent HTTP connections; more are answered 503 and closed")
        int httpMaxConnections() default 64;

        @AttributeDefinition(name = "HTTP connections per address", description = "Concurrent HTTP connections from one client address; more are answered 503 and closed")
        int httpMaxConnectionsPerAddress() default 8;

        @AttributeDefinition(name = "HTTP header time-out", description = "Seconds a new HTTP connection has to send its request line and headers before it is closed")
        int httpHeaderSeconds() default 10;

        @AttributeDefinition(name = "HTTP idle time-out", description = "Seconds a download or upload may move no byte before its connection is closed")
        int httpIdleSeconds() default 60;
    }

    private final TftpSettings settings;
    private final TicketRegistry tickets;
    private final TftpServer server;
    private final TicketFtpServer ftp;
    private final String ftpHost;
    private final TicketHttpServer http;

    @Activate
    public TftpFileServer(Config config) throws IOException {
        this(TftpSettings.from(config), ftpSettings(config, TftpSettings.from(config)),
                httpSettings(config, TftpSettings.from(config)), Clock.systemUTC());
    }

    TftpFileServer(TftpSettings settings, Clock clock) throws IOException {
        this(settings, null, null, clock);
    }

    /** @param ftpSettings {@code null} serves no FTP; {@code httpSettings} likewise */
    TftpFileServer(TftpSettings settings, FtpSettings ftpSettings, HttpSettings httpSettings, Clock clock)
            throws IOException {
        this.settings = settings;
        Path staging = PrivateFiles.directory(settings.stagingDirectory());
        this.tickets = new TicketRegistry(staging, settings.maxUploadBytes(), clock);
        tickets.purgeStaging();
        this.server = new TftpServer(settings, tickets);
        this.ftp = ftpSettings == null ? null : startFtp(ftpSettings, tickets);
        this.ftpHost = ftpSettings == null ? null : ftpSettings.advertisedHost();
        this.http = httpSettings == null ? null : startHttp(httpSettings, tickets);
        if (http != null) {
            LOG.info("HTTP server listening on {}, advertised to devices as {}",
                    hostPort(httpSettings.bindAddress().getHostAddress(), http.port()),
                    hostPort(settings.advertisedHost(), http.port()));
        }
        if (ftp != null) {
            LOG.info("FTP server listening on {}:{} (passive mode), advertised to devices as {}:{}",
                    ftpSettings.bindAddress().getHostAddress(), ftp.port(), ftpHost, ftp.port());
        }
        LOG.info("TFTP server listening on {}:{}, advertised to devices as {}:{}, uploads staged in {}",
                settings.bindAddress().getHostAddress(), server.port(), settings.advertisedHost(), server.port(),
                staging);
        if (settings.bindAddress().isAnyLocalAddress() && settings.advertisedHost().equals(
                settings.bindAddress().getHostAddress())) {
            LOG.warn("TFTP server binds to the wildcard address but advertises it to devices; set advertisedAddress"
                    + " in {} to an address devices can reach", PID);
        }
    }

    @Deactivate
    void deactivate() {
        if (http != null) {
            http.stop();
        }
        if (ftp != null) {
            ftp.stop();
        }
        server.stop();
        tickets.closeAll();
        LOG.info("TFTP server on {}:{} stopped", settings.bindAddress().getHostAddress(), server.port());
    }

    /** Transfers running now, half-open ones included (tests, benchmarks). */
    int activeTransfers() {
        return server.activeTransfers();
    }

    /** The local ports of the running TFTP transfers (tests, benchmarks). */
    List<Integer> transferPorts() {
        return server.transferPorts();
    }

    /** FTP control connections open now; 0 without FTP (tests, benchmarks). */
    int ftpConnections() {
        return ftp == null ? 0 : ftp.connections();
    }

    /** HTTP connections open now; 0 without HTTP (tests). */
    int httpConnections() {
        return http == null ? 0 : http.connections();
    }

    /** Live tickets (tests, benchmarks). */
    int ticketCount() {
        return tickets.size();
    }

    @Override
    public TransferTicket offer(Path file, InetAddress device, Duration ttl) throws RepositoryException {
        return tickets.offer(file, device, ttl);
    }

    @Override
    public TransferTicket receive(InetAddress device, long maxBytes, Duration ttl) throws RepositoryException {
        return tickets.receive(device, maxBytes, ttl);
    }

    @Override
    public TransferTicket offer(Path file, InetAddress device, Set<InetAddress> alsoFrom, Duration ttl)
            throws RepositoryException {
        return tickets.offer(file, device, alsoFrom, ttl);
    }

    @Override
    public TransferTicket receive(InetAddress device, Set<InetAddress> alsoFrom, long maxBytes, Duration ttl)
            throws RepositoryException {
        return tickets.receive(device, alsoFrom, maxBytes, ttl);
    }

    @Override
    public Optional<TransferProgress> progress(String ticketId) {
        return tickets.progress(ticketId);
    }

    @Override
    public void close(String ticketId) {
        tickets.close(ticketId);
    }

    @Override
    public Endpoint endpoint(TransferProtocol protocol) throws RepositoryException {
        if (protocol == TransferProtocol.FTP) {
            if (ftp == null) {
                throw new RepositoryException("the FTP server is not running (disabled, or its port was taken:"
                        + " see the log); check ftpEnabled and ftpPort in " + PID + " or use TFTP");
            }
            return new Endpoint(TransferProtocol.FTP, ftpHost, ftp.port());
        }
        if (protocol == TransferProtocol.HTTP) {
            if (http == null) {
                throw new RepositoryException("the HTTP server is not running (disabled, or its port was taken:"
                        + " see the log); check httpEnabled and httpPort in " + PID + " or use TFTP");
            }
            return new Endpoint(TransferProtocol.HTTP, settings.advertisedHost(), http.port());
        }
        return new Endpoint(TransferProtocol.TFTP, settings.advertisedHost(), server.port());
    }

    @Override
    public Optional<FtpCredentials> ftpCredentials(String ticketId) {
        return ftp == null ? Optional.empty() : tickets.ftpCredentials(ticketId);
    }

    /** Devices fall back to TFTP, so a taken FTP port should not take TFTP down with it. */
    private static TicketFtpServer startFtp(FtpSettings settings, TicketRegistry tickets) {
        try {
            return new TicketFtpServer(settings, tickets);
        } catch (IOException e) {
            LOG.error("FTP server not started, tickets are served over TFTP only: {}", e.getMessage());
            return null;
        }
    }

    /** Like FTP: a taken HTTP port leaves the other protocols running. */
    private static TicketHttpServer startHttp(HttpSettings settings, TicketRegistry tickets) {
        try {
            return new TicketHttpServer(settings, tickets);
        } catch (IOException e) {
            LOG.error("HTTP server not started, tickets are not served over HTTP: {}", e.getMessage());
            return null;
        }
    }

    /** {@code [::1]:8069} for IPv6, as in a URL, so the log line is unambiguous. */
    private static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static HttpSettings httpSettings(Config config, TftpSettings tftp) {
        if (!config.httpEnabled()) {
            return null;
        }
        return new HttpSettings(tftp.bindAddress(), config.httpPort(), tftp.advertisedHost(),
                config.httpMaxConnections(), config.httpMaxConnectionsPerAddress(), config.httpHeaderSeconds(),
                config.httpIdleSeconds());
    }

    private static FtpSettings ftpSettings(Config config, TftpSettings tftp) {
        if (!config.ftpEnabled()) {
            return null;
        }
        return new FtpSettings(tftp.bindAddress(), config.ftpPort(), tftp.advertisedHost(),
                config.ftpPassivePorts() == null ? "" : config.ftpPassivePorts(), config.ftpMaxLogins(),
                config.ftpIdleSeconds(), config.ftpMaxConnectionsPerAddress(), config.ftpLoginSeconds());
    }
}
