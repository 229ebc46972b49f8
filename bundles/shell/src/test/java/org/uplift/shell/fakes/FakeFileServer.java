package org.uplift.shell.fakes;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.uplift.api.repository.Endpoint;
import org.uplift.api.repository.FileServer;
import org.uplift.api.repository.FtpCredentials;
import org.uplift.api.repository.TransferDirection;
import org.uplift.api.repository.TransferProgress;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.repository.TransferTicket;

/** Issues tickets that live as long as asked, each with an FTP login; remembers what it was asked to serve. */
public final class FakeFileServer implements FileServer {

    public static final String PASSWORD = "s3cret-ticket-pass";

    public final List<Path> offered = new ArrayList<>();
    private int tickets;

    @Override
    public TransferTicket offer(Path file, InetAddress device, Duration ttl) {
        offered.add(file);
        return new TransferTicket("T-" + ++tickets, "dl-abc.bin", TransferDirection.DEVICE_READS, device,
                Instant.now().plus(ttl), 0);
    }

    @Override
    public TransferTicket receive(InetAddress device, long maxBytes, Duration ttl) {
        return new TransferTicket("T-" + ++tickets, "up-abc.cfg", TransferDirection.DEVICE_WRITES, device,
                Instant.now().plus(ttl), maxBytes);
    }

    @Override
    public Optional<TransferProgress> progress(String ticketId) {
        return Optional.empty();
    }

    @Override
    public void close(String ticketId) {
    }

    @Override
    public Endpoint endpoint(TransferProtocol protocol) {
        return new Endpoint(protocol, "127.0.0.1", protocol == TransferProtocol.FTP ? 2121 : 6969);
    }

    @Override
    public Optional<FtpCredentials> ftpCredentials(String ticketId) {
        return Optional.of(new FtpCredentials(ticketId.toLowerCase(), PASSWORD));
    }
}
