package org.uplift.workflow.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

import org.uplift.api.driver.DeviceEvents;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.OperationRequest;
import org.uplift.api.driver.OperationType;
import org.uplift.api.repository.Endpoint;
import org.uplift.api.repository.FtpCredentials;
import org.uplift.api.repository.RepositoryException;
import org.uplift.api.repository.TransferProgress;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.repository.TransferTicket;

/**
 * What every step does the same way for one job: reads the device, opens and closes transfer tickets
 * on the file server (and shows them as the job's live transfer), tells the device where the server is,
 * and commands an operation and watches it end.
 */
final class StepPlumbing {

    /** How long the server may lag behind the device's report of a finished upload. */
    private static final Duration SERVER_GRACE = Duration.ofSeconds(5);

    private final Services services;
    private final JobTarget target;
    private final OperationWatcher watcher;
    private final LiveTransfers live;
    private final String jobId;

    StepPlumbing(Services services, JobTarget target, Supplier<DeviceEvents> events, LiveTransfers live, String jobId) {
        this.services = services;
        this.target = target;
        this.live = live;
        this.jobId = jobId;
        this.watcher = new OperationWatcher(services.settings().pollInterval(), events,
                services.settings().silentPolls());
    }

    DeviceFacts facts(String purpose) throws StepFailure {
        try {
            return target.reader().read(target.device());
        } catch (DeviceException e) {
            throw new StepFailure("cannot " + purpose + ": " + e.getMessage(), e);
        }
    }

    /** Returns what told Uplift the operation ended: a notification or polling. */
    String command(OperationType type, TransferTicket ticket, Duration timeout, boolean rebootExpected)
            throws StepFailure, InterruptedException {
        Endpoint endpoint = endpoint();
        FtpCredentials login = ticket == null || endpoint.protocol() != TransferProtocol.FTP ? null
                : services.fileServer().ftpCredentials(ticket.id()).orElseThrow(() -> new StepFailure(
                        "the FTP server issued no login for the transfer (is FTP enabled in org.uplift.tftp?)"));
        OperationRequest request = new OperationRequest(type, endpoint.protocol(), endpoint.host(), endpoint.port(),
                ticket == null ? null : ticket.fileName(), login == null ? null : login.user(),
                login == null ? null : login.password());
        return watcher.run(target.device(), target.driverFor(type), request, timeout, rebootExpected).how();
    }

    /** Commands the device to fetch {@code file} from the server, with a ticket for just that. */
    String serve(Path file, OperationType type, Duration timeout, boolean rebootExpected)
            throws StepFailure, InterruptedException {
        TransferTicket ticket = offerTicket(file, timeout);
        try {
            return command(type, ticket, timeout, rebootExpected);
        } finally {
            close(ticket);
        }
    }

    TransferTicket receiveTicket(Duration stepTimeout) throws StepFailure {
        try {
            TransferTicket ticket = services.fileServer().receive(target.address(), target.alsoFrom(),
                    services.settings().maxConfigBytes(), services.settings().ticketTtl(stepTimeout));
            live.watch(jobId, ticket.id(), -1);
            return ticket;
        } catch (RepositoryException e) {
            throw new StepFailure("cannot open an upload ticket: " + e.getMessage(), e);
        }
    }

    TransferTicket offerTicket(Path file, Duration stepTimeout) throws StepFailure {
        try {
            TransferTicket ticket = services.fileServer().offer(file, target.address(), target.alsoFrom(),
                    services.settings().ticketTtl(stepTimeout));
            live.watch(jobId, ticket.id(), sizeOf(file));
            return ticket;
        } catch (RepositoryException e) {
            throw new StepFailure("cannot open a download ticket: " + e.getMessage(), e);
        }
    }

    void close(TransferTicket ticket) {
        live.clear(jobId, ticket.id());
        services.fileServer().close(ticket.id());
    }

    /** Bytes the server has served or received under the ticket so far. */
    long bytes(TransferTicket ticket) {
        return services.fileServer().progress(ticket.id()).map(TransferProgress::bytes).orElse(0L);
    }

    /**
     * The server's own view of an upload. A device's report (a notification above all) may arrive a
     * moment before the server has written the last block to disk, so the server gets a short grace.
     */
    TransferProgress serverView(TransferTicket ticket) throws StepFailure, InterruptedException {
        long deadline = System.nanoTime() + SERVER_GRACE.toNanos();
        while (true) {
            TransferProgress progress = services.fileServer().progress(ticket.id())
                    .orElseThrow(() -> new StepFailure("the server lost track of the backup transfer"));
            if (progress.completed() || System.nanoTime() > deadline) {
                return progress;
            }
            Thread.sleep(50);
        }
    }

    /** The server as devices are told it, for history messages. */
    String where() throws StepFailure {
        Endpoint e = endpoint();
        // an IPv6 literal in brackets, as in a URL: ftp://[::1]:2121, not ftp://::1:2121
        String host = e.host().contains(":") && !e.host().startsWith("[") ? "[" + e.host() + "]" : e.host();
        return e.protocol().name().toLowerCase(Locale.ROOT) + "://" + host + ":" + e.port();
    }

    private Endpoint endpoint() throws StepFailure {
        try {
            Endpoint server = services.fileServer().endpoint(target.device().transfer());
            // behind NAT or on a multi-homed host a device reaches the server at its own address for it
            String host = target.device().serverAddress();
            return host == null ? server : new Endpoint(server.protocol(), host, server.port());
        } catch (RepositoryException e) {
            throw new StepFailure(e.getMessage(), e);
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1; // only a progress display reads it
        }
    }
}
