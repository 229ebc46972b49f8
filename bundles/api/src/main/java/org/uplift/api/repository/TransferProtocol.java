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
    FTP
}
