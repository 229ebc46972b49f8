package org.uplift.repository.tftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

import org.apache.commons.net.tftp.TFTPAckPacket;
import org.apache.commons.net.tftp.TFTPPacket;

/** Serves a ticket's file to the device block by block, streaming from disk. */
final class ReadTransfer extends Transfer {

    ReadTransfer(LiveTicket ticket, TftpRequest request, TransferOptions options, TransferChannel channel) {
        super(ticket, request, options, channel);
    }

    @Override
    protected long transfer() throws IOException, TftpRefusal, TransferAborted {
        try (FileChannel file = FileChannel.open(ticket.source(), StandardOpenOption.READ)) {
            if (options.needsOack()) {
                channel.send(TftpPackets.oack(options.accepted()));
                awaitAck(0);
            }
            byte[] block = new byte[options.blockSize()];
            long sent = 0;
            int number = 1;
            while (true) {
                int length = fill(file, block);
                channel.send(TftpPackets.data(number, block, length));
                awaitAck(number);
                sent += length;
                ticket.transferred(sent);
                if (length < block.length) {
                    ticket.complete(null);
                    return sent;
                }
                number = (number + 1) & 0xffff; // block numbers wrap to 0 for files over 65535 blocks
            }
        }
    }

    private void awaitAck(int number) throws IOException, TftpRefusal, TransferAborted {
        channel.await(packet -> classify(packet, number), ticket::revoked);
    }

    private static TransferChannel.Reply classify(TFTPPacket packet, int number) throws TftpRefusal {
        if (!(packet instanceof TFTPAckPacket ack)) {
            throw new TftpRefusal(TftpRefusal.ILLEGAL_OPERATION, "expected an ACK",
                    "the device sent a packet of type " + packet.getType() + " during a download");
        }
        return ack.getBlockNumber() == number ? TransferChannel.Reply.ACCEPT : TransferChannel.Reply.IGNORE;
    }

    /** Reads a whole block unless the file ends first. */
    private static int fill(FileChannel file, byte[] block) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(block);
        while (buffer.hasRemaining() && file.read(buffer) >= 0) {
            // keep reading: a channel may return short reads
        }
        return buffer.position();
    }
}
