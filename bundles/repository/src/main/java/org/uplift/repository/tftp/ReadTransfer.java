package org.uplift.repository.tftp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

import org.apache.commons.net.tftp.TFTPAckPacket;
import org.apache.commons.net.tftp.TFTPPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.repository.ticket.LiveTicket;

/**
 * Serves a ticket's file to the device, streaming from disk: one block buffer per transfer whatever
 * the file or window size. With RFC 7440 windowsize a {@link WindowedSender} keeps a window of blocks
 * in flight; lost blocks are read again from the file rather than kept in memory.
 */
final class ReadTransfer extends Transfer {

    private static final Logger LOG = LoggerFactory.getLogger(ReadTransfer.class);

    private final byte[] packet;
    private final DatagramPacket datagram;
    private ByteBuffer range;

    ReadTransfer(LiveTicket ticket, TftpRequest request, TransferOptions options, TransferChannel channel) {
        super(ticket, request, options, channel);
        this.packet = new byte[4 + options.blockSize()];
        this.datagram = new DatagramPacket(packet, packet.length);
    }

    @Override
    protected long transfer() throws IOException, TftpRefusal, TransferAborted {
        try (FileChannel file = FileChannel.open(ticket.source(), StandardOpenOption.READ)) {
            long size = file.size();
            RttEstimator rtt = new RttEstimator(options.timeoutMillis() * 1_000_000L);
            if (options.needsOack()) {
                channel.send(TftpPackets.oack(options.accepted()));
                // the first round trip, unless the OACK went twice
                channel.await(p -> classify(p, 0, 0), ticket::revoked, channel::resendLast, rtt, true);
            }
            int blockSize = options.blockSize();
            // a file of an exact multiple of the block size ends with an empty block
            long lastBlock = size / blockSize + 1;
            if (options.windowSize() > 1) {
                channel.bufferFor(options.windowSize() * (blockSize + 4));
                WindowedSender sender = new WindowedSender(channel, (from, to) -> sendBlocks(file, size, from, to),
                        options.windowSize(), lastBlock, rtt, channel.maxRetries(),
                        BurstPacing.BURST_BYTES / (blockSize + 4));
                try {
                    sender.run(ticket::revoked,
                            acknowledged -> ticket.transferred(Math.min(acknowledged * blockSize, size)));
                } finally {
                    LOG.debug("TFTP: {} to {}: {}", ticket.name(), channel.peer(), sender.counts());
                }
            } else {
                sendLockStep(file, size, lastBlock, rtt);
            }
            ticket.complete(null);
            return size;
        }
    }

    /**
     * RFC 1350 lock-step (windowsize 1): one block, its ACK, the next. A block is sent again after
     * the measured time-out ({@link RttEstimator}: a lost block costs a few round trips, not the
     * transfer's whole time-out, which stays the ceiling a slow device gets), and a duplicate ACK
     * is never answered (no Sorcerer's Apprentice).
     */
    private void sendLockStep(FileChannel file, long size, long lastBlock, RttEstimator rtt)
            throws IOException, TftpRefusal, TransferAborted {
        long acknowledged = 0;
        while (acknowledged < lastBlock) {
            long block = acknowledged + 1;
            sendBlocks(file, size, block, block);
            long base = acknowledged;
            TFTPAckPacket ack = (TFTPAckPacket) channel.await(p -> classify(p, base, 1),
                    ticket::revoked, () -> sendBlocks(file, size, block, block), rtt, true);
            acknowledged = base + offset(ack.getBlockNumber(), base);
            ticket.transferred(Math.min(acknowledged * options.blockSize(), size));
        }
    }

    /**
     * Blocks {@code from..to} (absolute numbers from 1), block numbers on the wire wrapping at 65535 to 0.
     * The range is read from the file in one call, not one per block: at blksize 512 a read per block
     * was half the system calls of a window.
     */
    private void sendBlocks(FileChannel file, long size, long from, long to) throws IOException {
        int blockSize = options.blockSize();
        long start = (from - 1) * blockSize;
        int length = (int) Math.max(0, Math.min((to - from + 1) * blockSize, size - start));
        ByteBuffer range = rangeBuffer(length);
        while (range.hasRemaining() && file.read(range, start + range.position()) >= 0) {
            // keep reading: a channel may return short reads
        }
        byte[] bytes = range.array();
        int filled = range.position();
        for (long block = from; block <= to; block++) {
            int offset = (int) ((block - from) * blockSize);
            int n = Math.max(0, Math.min(blockSize, filled - offset));
            System.arraycopy(bytes, offset, packet, 4, n);
            int number = (int) (block & 0xffff);
            packet[0] = 0;
            packet[1] = TFTPPacket.DATA;
            packet[2] = (byte) (number >> 8);
            packet[3] = (byte) number;
            datagram.setData(packet, 0, 4 + n);
            channel.sendOnly(datagram);
        }
    }

    /** A buffer for {@code length} bytes, reused between windows. */
    private ByteBuffer rangeBuffer(int length) {
        if (range == null || range.capacity() < length) {
            range = ByteBuffer.allocate(length);
        }
        return range.clear().limit(length);
    }

    /**
     * An ACK counts if it acknowledges one of the blocks just sent; an ACK of the block before the
     * window is a stale duplicate and is ignored, never answered (no Sorcerer's Apprentice).
     */
    private static TransferChannel.Reply classify(TFTPPacket packet, long base, long window)
            throws TftpRefusal {
        if (!(packet instanceof TFTPAckPacket ack)) {
            throw new TftpRefusal(TftpRefusal.ILLEGAL_OPERATION, "expected an ACK",
                    "the device sent a packet of type " + packet.getType() + " during a download");
        }
        long offset = offset(ack.getBlockNumber(), base);
        if (window == 0) {
            return offset == 0 ? TransferChannel.Reply.ACCEPT : TransferChannel.Reply.IGNORE;
        }
        return offset >= 1 && offset <= window ? TransferChannel.Reply.ACCEPT : TransferChannel.Reply.IGNORE;
    }

    /** How many blocks past {@code base} the 16-bit block number is. */
    private static long offset(int blockNumber, long base) {
        return (blockNumber - base) & 0xffff;
    }
}
