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
 * @param username   FTP user name, or {@code null}
 * @param password   FTP password, or {@code null} (never printed)
 * @param merges     a restore merges the file into the running configuration, as IOS does with a file
 *                   copied into running-config (ccCopyTable), instead of replacing it
 */
public record OpRequest(int index, OpType type, int protocol, InetAddress server, int port, String fileName,
        String username, String password, boolean merges) {

    public static final int PROTOCOL_TFTP = 1;
    public static final int PROTOCOL_FTP = 2;
    public static final int PROTOCOL_HTTP = 3;

    /** An operation without FTP credentials. */
    public OpRequest(int index, OpType type, int protocol, InetAddress server, int port, String fileName) {
        this(index, type, protocol, server, port, fileName, null, null);
    }

    /** An operation whose restore replaces the running configuration. */
    public OpRequest(int index, OpType type, int protocol, InetAddress server, int port, String fileName,
            String username, String password) {
        this(index, type, protocol, server, port, fileName, username, password, false);
    }

    /** The protocol's name for messages: tftp, ftp, http, or the number. */
    public String protocolName() {
        return switch (protocol) {
            case PROTOCOL_TFTP -> "tftp";
            case PROTOCOL_FTP -> "ftp";
            case PROTOCOL_HTTP -> "http";
            default -> "protocol " + protocol;
        };
    }

    @Override
    public String toString() {
        return "op " + index + " " + type + " " + protocolName() + "://"
                + (server == null ? "?" : server.getHostAddress()) + ":" + port + "/" + fileName
                + (username == null ? "" : " user " + username) + (merges ? " (merge)" : "");
    }
}
