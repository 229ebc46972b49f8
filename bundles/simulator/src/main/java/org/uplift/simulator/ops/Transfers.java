package org.uplift.simulator.ops;

import java.net.InetAddress;
import java.time.Duration;

/**
 * The device's file-transfer clients, chosen by the protocol its manager named: TFTP, FTP (passive)
 * or HTTP (GET to download, PUT to upload). Each maps its errors to fail causes.
 */
public final class Transfers {

    private final Tftp tftp;
    private final Ftp ftp;
    private final Http http;

    /** @param localAddress the device's own address: file servers check where transfers come from */
    public Transfers(InetAddress localAddress, Duration timeout, int maxTimeouts) {
        this.tftp = new Tftp(localAddress, timeout, maxTimeouts);
        // TFTP's time-out is per packet and retried; a TCP wait is not retried, so FTP waits the whole budget
        this.ftp = new Ftp(localAddress, timeout.multipliedBy(Math.max(1, maxTimeouts)));
        this.http = new Http(localAddress, timeout);
    }

    /** Fetches the request's file, at most {@code maxBytes}. */
    public byte[] download(OpRequest request, long maxBytes) throws TransferFailure {
        return switch (request.protocol()) {
            case OpRequest.PROTOCOL_TFTP ->
                tftp.download(request.server(), request.port(), request.fileName(), maxBytes);
            case OpRequest.PROTOCOL_FTP -> ftp.download(request, maxBytes);
            case OpRequest.PROTOCOL_HTTP -> http.download(request, maxBytes);
            default -> throw unsupported(request);
        };
    }

    /** Sends {@code content} as the request's file; returns the bytes sent. */
    public long upload(OpRequest request, byte[] content) throws TransferFailure {
        return switch (request.protocol()) {
            case OpRequest.PROTOCOL_TFTP -> tftp.upload(request.server(), request.port(), request.fileName(), content);
            case OpRequest.PROTOCOL_FTP -> ftp.upload(request, content);
            case OpRequest.PROTOCOL_HTTP -> http.upload(request, content);
            default -> throw unsupported(request);
        };
    }

    static TransferFailure unsupported(OpRequest request) {
        return new TransferFailure(FailCause.UNSUPPORTED_PROTOCOL, "this device does not speak "
                + request.protocolName(), 0);
    }
}
