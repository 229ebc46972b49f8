package org.uplift.repository.tftp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.common.logging.LogThrottle;
import org.uplift.repository.ticket.LiveTicket;
import org.uplift.repository.ticket.LogText;

/**
 * Handles one datagram that reached the listening port: parse, admit, negotiate, then hand the
 * transfer to the pool; every refusal is answered with a TFTP ERROR and logged with its reason.
 */
final class RequestDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

    /** A flood of bad requests must not become a flood of log lines; the count left out is logged. */
    private final LogThrottle refusals = new LogThrottle("TFTP refusals", 20, Duration.ofSeconds(10));
    /** Strangers can send to transfer ports faster than a log can take. */
    private final LogThrottle strangers = new LogThrottle("TFTP packets from strangers", 20, Duration.ofSeconds(10));

    private final TftpSettings settings;
    private final RequestGate gate;
    private final TransferPool pool;
    private final ErrorBudget errors;

    RequestDispatcher(TftpSettings settings, RequestGate gate, TransferPool pool) {
        this.settings = settings;
        this.gate = gate;
        this.pool = pool;
        this.errors = new ErrorBudget(settings.errorsPerSourcePerSecond(), 4096);
    }

    /** ERROR replies left unsent because their source had its share (for tests and a metric). */
    long errorsDropped() {
        return errors.dropped();
    }

    void handle(DatagramPacket datagram) {
        TftpRequest request = null;
        try {
            Optional<TftpRequest> parsed = TftpRequestParser.parse(datagram);
            if (parsed.isEmpty()) {
                return;
            }
            request = parsed.get();
            if (pool.serving(request.client())) {
                LOG.debug("TFTP: ignoring repeated {} from {}", request.kind(), request.client());
                return;
            }
            LiveTicket ticket = gate.admit(request);
            checkDeviceShare(request);
            start(request, ticket);
        } catch (TftpRefusal refusal) {
            refuse(datagram, request, refusal);
        } catch (IOException e) {
            refuse(datagram, request, new TftpRefusal(TftpRefusal.UNDEFINED, "server error",
                    "cannot start the transfer: " + e.getMessage()));
        }
    }

    private void start(TftpRequest request, LiveTicket ticket) throws TftpRefusal, IOException {
        long fileSize = request.reads() ? sizeOf(ticket) : 0;
        TransferOptions options = OptionNegotiator.negotiate(request, fileSize, ticket.ticket().maxBytes(),
                settings.timeoutMillis(), settings.maxNegotiatedTimeoutSeconds());
        TransferChannel channel = new TransferChannel(settings.bindAddress(), request.client(),
                settings.timeoutMillis(), settings.maxRetries(), strangers);
        Transfer transfer = request.reads()
                ? new ReadTransfer(ticket, request, options, channel)
                : new WriteTransfer(ticket, request, options, channel);
        // an upload begins only if no other attempt (over TFTP, FTP or HTTP) runs or finished, in one step
        if (!(request.reads() ? ticket.begin() : ticket.beginAlone())) {
            channel.close();
            throw new TftpRefusal(TftpRefusal.ACCESS_VIOLATION, "access violation",
                    "the ticket was just closed, or another upload to it began");
        }
        if (!pool.start(transfer)) {
            ticket.end();
            channel.close();
            throw new TftpRefusal(TftpRefusal.UNDEFINED, "server busy",
                    "all " + settings.maxTransfers() + " transfer slots are in use (maxTransfers)");
        }
    }

    /** One device (or whoever sends from its address) cannot take every slot from the others. */
    private void checkDeviceShare(TftpRequest request) throws TftpRefusal {
        int running = pool.runningFor(request.address());
        if (running >= settings.maxTransfersPerDevice()) {
            throw new TftpRefusal(TftpRefusal.UNDEFINED, "server busy", "this device already has " + running
                    + " transfers running (maxTransfersPerDevice " + settings.maxTransfersPerDevice() + ")");
        }
    }

    private static long sizeOf(LiveTicket ticket) throws TftpRefusal {
        try {
            return Files.size(ticket.source());
        } catch (IOException e) {
            ticket.failed("the offered file " + ticket.source() + " cannot be read: " + e.getMessage());
            throw new TftpRefusal(TftpRefusal.FILE_NOT_FOUND, "file not found",
                    "the offered file " + ticket.source() + " is gone or unreadable");
        }
    }

    /**
     * Refusals a stranger can provoke (a malformed request, a name no ticket has, a wrong address) are rationed;
     * "busy" goes to a ticket's own device, which must hear it to try again later.
     */
    private static boolean rationed(TftpRefusal refusal) {
        return refusal.code() != TftpRefusal.UNDEFINED;
    }

    /** Sent from a fresh port like every reply, because clients refuse answers from the listening port. */
    private void refuse(DatagramPacket datagram, TftpRequest request, TftpRefusal refusal) {
        String what = request == null ? "packet" : request.kind() + " '" + LogText.of(request.fileName()) + "'";
        refusals.warn(LOG, "TFTP: refused {} from {}:{}: {} (TFTP error {})", what,
                datagram.getAddress().getHostAddress(),
                datagram.getPort(), refusal.reason(), refusal.code());
        if (rationed(refusal) && !errors.take(datagram.getAddress())) {
            return; // this source has had its ERRORs for now: a forged source must not turn us into a reflector
        }
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(settings.bindAddress(), 0))) {
            socket.send(TftpPackets.error(refusal.code(), refusal.clientMessage(), datagram.getAddress(),
                    datagram.getPort()));
        } catch (IOException e) {
            LOG.debug("Cannot send TFTP error to {}:{}: {}", datagram.getAddress(), datagram.getPort(),
                    e.getMessage());
        }
    }
}
