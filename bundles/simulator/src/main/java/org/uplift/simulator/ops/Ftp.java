package org.uplift.simulator.ops;

import java.net.InetAddress;
import java.time.Duration;

/** The device's FTP client (passive mode, bound to the device's address). Not written yet: refuses. */
final class Ftp {

    Ftp(InetAddress localAddress, Duration timeout) {
    }

    byte[] download(OpRequest request, long maxBytes) throws TransferFailure {
        throw Transfers.unsupported(request);
    }

    long upload(OpRequest request, byte[] content) throws TransferFailure {
        throw Transfers.unsupported(request);
    }
}
