package org.uplift.repository.tftp;

import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.apache.commons.net.tftp.TFTP;
import org.apache.commons.net.tftp.TFTPAckPacket;
import org.apache.commons.net.tftp.TFTPDataPacket;
import org.apache.commons.net.tftp.TFTPErrorPacket;
import org.apache.commons.net.tftp.TFTPPacket;
import org.apache.commons.net.tftp.TFTPPacketException;

/**
 * Packet encoding on top of Commons Net, plus what Commons Net 3.13 lacks: the OACK packet
 * (opcode 6) and defensive parsing.
 */
final class TftpPackets {

    private TftpPackets() {
    }

    /**
     * Parses a received datagram. Commons Net reads {@code getData()} from index 0, ignores the
     * datagram's length while scanning option strings and never checks the first opcode byte, so it
     * gets an exact copy and its run-time exceptions count as malformed packets.
     */
    static TFTPPacket parse(DatagramPacket datagram) throws TFTPPacketException {
        byte[] exact = Arrays.copyOfRange(datagram.getData(), datagram.getOffset(),
                datagram.getOffset() + datagram.getLength());
        if (exact.length < 4 || exact[0] != 0) {
            throw new TFTPPacketException("not a TFTP packet (" + exact.length + " bytes)");
        }
        try {
            return TFTPPacket.newTFTPPacket(new DatagramPacket(exact, exact.length, datagram.getAddress(),
                    datagram.getPort()));
        } catch (RuntimeException e) {
            throw new TFTPPacketException("malformed TFTP packet: " + e);
        }
    }

    /** The opcode of a raw datagram, or -1 if it is too short to have one. */
    static int opcode(DatagramPacket datagram) {
        if (datagram.getLength() < 2) {
            return -1;
        }
        byte[] data = datagram.getData();
        int offset = datagram.getOffset();
        return (data[offset] & 0xff) << 8 | data[offset + 1] & 0xff;
    }

    static DatagramPacket data(int block, byte[] buffer, int length) {
        return new TFTPDataPacket(null, 0, block, buffer, 0, length).newDatagram();
    }

    static DatagramPacket ack(int block) {
        return new TFTPAckPacket(null, 0, block).newDatagram();
    }

    static DatagramPacket error(int code, String message, InetAddress address, int port) {
        // Commons Net encodes the message with the platform charset but sizes it in chars: keep it ASCII
        String ascii = message.replaceAll("[^\\x20-\\x7e]", "?");
        return new TFTPErrorPacket(address, port, code, ascii).newDatagram();
    }

    /** RFC 2347 option acknowledgement: opcode 6, then name NUL value NUL for every accepted option. */
    static DatagramPacket oack(Map<String, String> options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.write(TFTPPacket.OACK);
        options.forEach((name, value) -> {
            out.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
            out.write(0);
            out.writeBytes(value.getBytes(StandardCharsets.US_ASCII));
            out.write(0);
        });
        byte[] bytes = out.toByteArray();
        return new DatagramPacket(bytes, bytes.length);
    }

    static boolean isOctet(int commonsNetMode) {
        return commonsNetMode == TFTP.OCTET_MODE;
    }
}
