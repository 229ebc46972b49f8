package org.uplift.repository.tftp;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

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
import org.uplift.api.repository.RepositoryException;
import org.uplift.api.repository.TransferProgress;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.repository.TransferTicket;

/** The ticketed file server: TFTP now, FTP later. */
@Component(service = FileServer.class, configurationPid = TftpFileServer.PID)
@Designate(ocd = TftpFileServer.Config.class)
public class TftpFileServer implements FileServer {

    static final String PID = "org.uplift.tftp";

    private static final Logger LOG = LoggerFactory.getLogger(TftpFileServer.class);

    @ObjectClassDefinition(name = "Uplift TFTP server",
            description = "The TFTP server devices download firmware and configurations from and upload backups to")
    public @interface Config {
        @AttributeDefinition(name = "Bind address", description = "Local address the server listens on")
        String bindAddress() default "127.0.0.1";

        @AttributeDefinition(name = "Port", description = "UDP port the server listens on (69 needs privileges)")
        int port() default 6969;

        @AttributeDefinition(name = "Advertised address",
                description = "Address devices are told to use, e.g. behind NAT; empty means the bind address")
        String advertisedAddress() default "";

        @AttributeDefinition(name = "Staging directory",
                description = "Where uploads land; empty means ${karaf.data}/uplift/staging")
        String stagingDirectory() default "";

        @AttributeDefinition(name = "Maximum upload size", description = "Upper bound of any upload, in bytes")
        long maxUploadBytes() default 16L * 1024 * 1024;

        @AttributeDefinition(name = "Time-out",
                description = "Milliseconds before a packet is sent again, unless the client negotiates its own")
        int timeoutMillis() default 1000;

        @AttributeDefinition(name = "Retries", description = "Retransmissions of one packet before a transfer is given up")
        int maxRetries() default 5;

        @AttributeDefinition(name = "Concurrent transfers",
                description = "Transfers running at once; further requests are refused as busy")
        int maxTransfers() default 64;
    }

    private final TftpSettings settings;
    private final TicketRegistry tickets;
    private final TftpServer server;

    @Activate
    public TftpFileServer(Config config) throws IOException {
        this(TftpSettings.from(config), Clock.systemUTC());
    }

    TftpFileServer(TftpSettings settings, Clock clock) throws IOException {
        this.settings = settings;
        Path staging = Files.createDirectories(settings.stagingDirectory());
        this.tickets = new TicketRegistry(staging, settings.maxUploadBytes(), clock);
        tickets.purgeStaging();
        this.server = new TftpServer(settings, tickets);
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
        server.stop();
        tickets.closeAll();
        LOG.info("TFTP server on {}:{} stopped", settings.bindAddress().getHostAddress(), server.port());
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
    public Optional<TransferProgress> progress(String ticketId) {
        return tickets.progress(ticketId);
    }

    @Override
    public void close(String ticketId) {
        tickets.close(ticketId);
    }

    @Override
    public Endpoint endpoint(TransferProtocol protocol) throws RepositoryException {
        if (protocol != TransferProtocol.TFTP) {
            throw new RepositoryException(protocol + " is not available yet; use TFTP");
        }
        return new Endpoint(TransferProtocol.TFTP, settings.advertisedHost(), server.port());
    }
}
