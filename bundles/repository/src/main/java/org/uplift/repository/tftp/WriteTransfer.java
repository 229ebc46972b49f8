package org.uplift.repository.tftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;

import org.apache.commons.net.tftp.TFTPDataPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.repository.ticket.LiveTicket;

/**
 * Receives a device's upload into the staging folder: written to {@code <name>.part}, synced and
 * renamed to {@code <name>} once the last block arrived, so a reported file is always whole.
 */
final class WriteTransfer extends Transfer {

    private static final Logger LOG = LoggerFactory.getLogger(WriteTransfer.class);

    WriteTransfer(LiveTicket ticket, TftpRequest request, TransferOptions options, TransferChannel channel) {
        super(ticket, request, options, channel);
    }

    @Override
    protected long transfer() throws IOException, TftpRefusal, TransferAborted {
        long received = receiveInto();
        Files.move(ticket.partial(), ticket.staged(), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        if (!ticket.complete(ticket.staged())) {
            // closed while the last block arrived: nobody will collect the file
            Files.deleteIfExists(ticket.staged());
            throw new TftpRefusal(TftpRefusal.UNDEFINED, "transfer cancelled", "the ticket was closed");
        }
        int last = lastBlock(received);
        bytesMoved();
        channel.dally(packet -> packet instanceof TFTPDataPacket data && data.getBlockNumber() == last);
        return received;
    }

    private long receiveInto() throws IOException, TftpRefusal, TransferAborted {
        long cap = ticket.ticket().maxBytes();
        try (FileChannel out = ticket.openPartial()) {
            channel.send(options.needsOack() ? TftpPackets.oack(options.accepted()) : TftpPackets.ack(0));
            RttEstimator rtt = new RttEstimator(options.timeoutMillis() * 1_000_000L);
            long received = 0;
            int expected = 1;
            int unacknowledged = 0;
            while (true) {
                // the first block after an ACK answers it: a round trip; later ones of a window follow their predecessor
                TFTPDataPacket data = awaitData(expected, rtt, unacknowledged == 0);
                int length = data.getDataLength();
                if (length > options.blockSize()) {
                    throw new TftpRefusal(TftpRefusal.ILLEGAL_OPERATION, "block too large", "block " + expected
                            + " has " + length + " bytes, more than the block size " + options.blockSize());
                }
                if (received + length > cap) {
                    throw new TftpRefusal(TftpRefusal.DISK_FULL, "allocation exceeded",
                            "the upload exceeds the ticket's cap of " + cap + " bytes");
                }
                write(out, data);
                received += length;
                ticket.transferred(received);
                boolean last = length < options.blockSize();
                if (last) {
                    // the device is done once it has the final ACK and may ask for its next transfer at once
                    linger();
                }
                // RFC 7440: one ACK per window, and one for the final block
                if (last || ++unacknowledged >= options.windowSize()) {
                    channel.send(TftpPackets.ack(expected));
                    unacknowledged = 0;
                }
                if (last) {
                    out.force(true);
                    return received;
                }
                expected = (expected + 1) & 0xffff;
            }
        }
    }

    /**
     * The next block in order. When the device repeats the previous block (window 1) or skips ahead
     * (a block of its window was lost), it is told the last block received in order; on silence too,
     * after the measured time-out ({@link RttEstimator}), so that a lost block or ACK costs a few
     * round trips rather than the transfer's whole time-out.
     */
    private TFTPDataPacket awaitData(int expected, RttEstimator rtt, boolean roundTrip)
            throws IOException, TftpRefusal, TransferAborted {
        int previous = (expected - 1) & 0xffff;
        return (TFTPDataPacket) channel.await(packet -> {
            if (!(packet instanceof TFTPDataPacket data)) {
                throw new TftpRefusal(TftpRefusal.ILLEGAL_OPERATION, "expected DATA",
                        "the device sent a packet of type " + packet.getType() + " during an upload");
            }
            int ahead = (data.getBlockNumber() - expected) & 0xffff;
            if (ahead == 0) {
                return TransferChannel.Reply.ACCEPT;
            }
            if (options.windowSize() == 1) {
                return data.getBlockNumber() == previous ? TransferChannel.Reply.RESEND : TransferChannel.Reply.IGNORE;
            }
            return ahead < options.windowSize() ? TransferChannel.Reply.RESEND : TransferChannel.Reply.IGNORE;
        }, ticket::revoked, () -> channel.send(TftpPackets.ack(previous)), rtt, roundTrip);
    }

    private static void write(FileChannel out, TFTPDataPacket data) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data.getData(), data.getDataOffset(), data.getDataLength());
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    private int lastBlock(long received) {
        return (int) ((received / options.blockSize() + 1) & 0xffff);
    }

    @Override
    protected void cleanUp() {
        try {
            Files.deleteIfExists(ticket.partial());
        } catch (IOException e) {
            LOG.warn("Cannot delete the partial upload {}: {}", ticket.partial(), e.getMessage());
        }
    }
}
