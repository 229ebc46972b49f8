package org.uplift.simulator.ops;

import java.net.InetAddress;

/**
 * An operation as its row describes it.
 *
 * @param index      the row index
 * @param type       what to do
 * @param protocol   upliftIadOpProtocol: 1 tftp, 2 ftp
 * @param server     the file server, or {@code null} if the row names no usable address
 * @param port       the file server's port
 * @param fileName   the file name on the server
 */
public record OpRequest(int index, OpType type, int protocol, InetAddress server, int port, String fileName) {

    public static final int PROTOCOL_TFTP = 1;
    public static final int PROTOCOL_FTP = 2;

    @Override
    public String toString() {
        return "op " + index + " " + type + " " + (protocol == PROTOCOL_TFTP ? "tftp" : "ftp") + "://"
                + (server == null ? "?" : server.getHostAddress()) + ":" + port + "/" + fileName;
    }
}
