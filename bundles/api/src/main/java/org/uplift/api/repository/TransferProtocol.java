package org.uplift.api.repository;

/**
 * File transfer protocols devices use to reach Uplift's file server.
 *
 * @since 0.1
 */
public enum TransferProtocol {
    /** Trivial File Transfer Protocol (RFC 1350 with option negotiation). */
    TFTP,
    /** File Transfer Protocol, passive mode. */
    FTP,
    /** HTTP/1.1: GET for downloads, PUT for uploads (DOCS-CABLE-DEVICE-MIB http(2), UPLIFT-IAD-MIB http(3)). */
    HTTP;

    /** Parses {@code tftp}, {@code ftp} or {@code http}, case-insensitively. */
    public static TransferProtocol parse(String text) {
        for (TransferProtocol p : values()) {
            if (p.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown transfer protocol '" + text + "': use tftp, ftp or http");
    }
}
