package org.uplift.repository.tftp;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.repository.ticket.LiveTicket;

/**
 * One admitted transfer on its own channel. Subclasses move the bytes; this class records the
 * outcome on the ticket, tells the client why it ended badly and closes the socket. The dispatcher
 * has already called {@link LiveTicket#begin()}; {@link #run()} ends the attempt.
 */
abstract class Transfer implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Transfer.class);

    protected final LiveTicket ticket;
    protected final TransferOptions options;
    protected final TransferChannel channel;
    private final TftpRequest request;
    private volatile boolean lingering;
    private volatile Runnable slotFree = () -> {
    };

    Transfer(LiveTicket ticket, TftpRequest request, TransferOptions options, TransferChannel channel) {
        this.ticket = ticket;
        this.request = request;
        this.options = options;
        this.channel = channel;
        channel.timeoutMillis(options.timeoutMillis());
    }

    TransferChannel channel() {
        return channel;
    }

    /** {@code true} once the bytes are all moved and the transfer only waits to acknowledge again. */
    boolean lingering() {
        return lingering;
    }

    /** The transfer is complete; what remains is RFC 1350 dallying, which takes no device's share. */
    protected void linger() {
        lingering = true;
    }

    /** What to do once the bytes have all moved, though the transfer may still dally (see {@link #bytesMoved()}). */
    void onBytesMoved(Runnable action) {
        slotFree = action;
    }

    /**
     * The file is complete and stored: what is left is only waiting for a repeated last block (RFC 1350
     * dallying), which needs no transfer slot: the slot may serve the next device meanwhile.
     */
    protected void bytesMoved() {
        lingering = true;
        slotFree.run();
    }

    @Override
    public final void run() {
        String who = request.address().getHostAddress() + ":" + request.port();
        try {
            long bytes = transfer();
            LOG.info("TFTP: {} {} {} ({} bytes, block size {}, window {})", who,
                    request.reads() ? "read" : "wrote", ticket.name(), bytes, options.blockSize(),
                    options.windowSize());
        } catch (TftpRefusal e) {
            channel.sendError(e.code(), e.clientMessage());
            fail(who, e.getMessage() + " (TFTP error " + e.code() + " sent)");
        } catch (TransferAborted e) {
            fail(who, e.getMessage());
        } catch (IOException e) {
            if (channel.isClosed()) {
                fail(who, "cut short: the TFTP server stopped");
            } else {
                channel.sendError(TftpRefusal.UNDEFINED, "server error");
                fail(who, "I/O error: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            channel.sendError(TftpRefusal.UNDEFINED, "server error");
            LOG.error("TFTP: {} of {} from {} failed unexpectedly", request.kind(), ticket.name(), who, e);
            ticket.failed("internal error: " + e);
        } finally {
            cleanUp();
            ticket.end();
            channel.close();
        }
    }

    /** Moves the bytes; returns how many. */
    protected abstract long transfer() throws IOException, TftpRefusal, TransferAborted;

    /** Removes what a failed transfer left behind. */
    protected void cleanUp() {
    }

    private void fail(String who, String reason) {
        LOG.warn("TFTP: {} of {} from {} failed: {}", request.kind(), ticket.name(), who, reason);
        ticket.failed(reason);
    }
}
