package org.uplift.repository.tftp;

import java.net.DatagramPacket;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.net.tftp.TFTPPacket;
import org.apache.commons.net.tftp.TFTPPacketException;
import org.apache.commons.net.tftp.TFTPRequestPacket;

/** Turns a datagram received on the listening port into a request, or says why it is not one. */
final class TftpRequestParser {

    private TftpRequestParser() {
    }

    /**
     * The request, or empty for an ERROR packet (never answered, RFC 1350).
     *
     * @throws TftpRefusal (illegal operation) for anything else that is not a well-formed RRQ or WRQ
     */
    static Optional<TftpRequest> parse(DatagramPacket datagram) throws TftpRefusal {
        int opcode = TftpPackets.opcode(datagram);
        if (opcode == TFTPPacket.ERROR) {
            return Optional.empty();
        }
        if (opcode != TFTPPacket.READ_REQUEST && opcode != TFTPPacket.WRITE_REQUEST) {
            throw malformed("opcode " + opcode + " is not a read or write request");
        }
        TFTPRequestPacket packet;
        try {
            packet = (TFTPRequestPacket) TftpPackets.parse(datagram);
        } catch (TFTPPacketException e) {
            throw malformed(e.getMessage());
        }
        // RFC 2347: option names are case-insensitive; Commons Net keeps them as sent
        Map<String, String> options = new LinkedHashMap<>();
        packet.getOptions().forEach((name, value) -> options.put(name.toLowerCase(Locale.ROOT), value));
        return Optional.of(new TftpRequest(opcode == TFTPPacket.READ_REQUEST, packet.getFilename(),
                TftpPackets.isOctet(packet.getMode()), options, datagram.getAddress(), datagram.getPort()));
    }

    private static TftpRefusal malformed(String detail) {
        return new TftpRefusal(TftpRefusal.ILLEGAL_OPERATION, "malformed request", "malformed request: " + detail);
    }
}
