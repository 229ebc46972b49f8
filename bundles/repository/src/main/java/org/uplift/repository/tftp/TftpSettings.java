package org.uplift.repository.tftp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

import org.uplift.repository.storage.StorageLocation;

/**
 * The TFTP server's configuration, checked once at activation.
 *
 * @param bindAddress      address the listener and every transfer socket bind to
 * @param port             listening port; 0 picks a free one (tests)
 * @param advertisedHost   what {@code endpoint()} tells devices
 * @param stagingDirectory where uploads land
 * @param maxUploadBytes   server-wide upload cap; tickets may ask for less
 * @param timeoutMillis    retransmission time-out when the client negotiates none
 * @param maxRetries       retransmissions of one packet before the transfer is given up
 * @param maxTransfers     concurrent transfers; more are refused as busy
 * @param maxTransfersPerDevice concurrent transfers of one device address; more are refused as busy
 * @param maxNegotiatedTimeoutSeconds the longest RFC 2349 timeout option granted
 * @param errorsPerSourcePerSecond ERROR replies one address gets per second at most
 */
record TftpSettings(InetAddress bindAddress, int port, String advertisedHost, Path stagingDirectory,
        long maxUploadBytes, int timeoutMillis, int maxRetries, int maxTransfers, int maxTransfersPerDevice,
        int maxNegotiatedTimeoutSeconds, int errorsPerSourcePerSecond) {

    /** The defaults for the negotiated time-out cap and the error rate. */
    TftpSettings(InetAddress bindAddress, int port, String advertisedHost, Path stagingDirectory, long maxUploadBytes,
            int timeoutMillis, int maxRetries, int maxTransfers, int maxTransfersPerDevice) {
        this(bindAddress, port, advertisedHost, stagingDirectory, maxUploadBytes, timeoutMillis, maxRetries,
                maxTransfers,
                maxTransfersPerDevice, 10, 10);
    }

    static TftpSettings from(TftpFileServer.Config config) {
        InetAddress bind = parseAddress(config.bindAddress());
        String advertised = config.advertisedAddress() == null || config.advertisedAddress().isBlank()
                ? bind.getHostAddress()
                : config.advertisedAddress().trim();
        return new TftpSettings(bind, config.port(), advertised,
                StorageLocation.resolve(config.stagingDirectory(), "staging"), config.maxUploadBytes(),
                config.timeoutMillis(), config.maxRetries(), config.maxTransfers(), config.maxTransfersPerDevice(),
                config.maxNegotiatedTimeoutSeconds(), config.errorsPerSourcePerSecond());
    }

    TftpSettings {
        check(port >= 0 && port <= 65535, "port must be 0-65535 (got " + port + ")");
        check(maxUploadBytes > 0, "maxUploadBytes must be positive (got " + maxUploadBytes + ")");
        check(timeoutMillis >= 10, "timeoutMillis must be at least 10 (got " + timeoutMillis + ")");
        check(maxRetries >= 0, "maxRetries must not be negative (got " + maxRetries + ")");
        check(maxTransfers >= 1, "maxTransfers must be at least 1 (got " + maxTransfers + ")");
        check(maxTransfersPerDevice >= 1,
                "maxTransfersPerDevice must be at least 1 (got " + maxTransfersPerDevice + ")");
        check(maxNegotiatedTimeoutSeconds >= 1 && maxNegotiatedTimeoutSeconds <= 255,
                "maxNegotiatedTimeoutSeconds must be 1-255 (got " + maxNegotiatedTimeoutSeconds + ")");
        check(errorsPerSourcePerSecond >= 1,
                "errorsPerSourcePerSecond must be at least 1 (got " + errorsPerSourcePerSecond + ")");
    }

    private static void check(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException("TFTP configuration " + TftpFileServer.PID + ": " + problem);
        }
    }

    private static InetAddress parseAddress(String address) {
        try {
            return InetAddress.getByName(address == null || address.isBlank() ? "127.0.0.1" : address.trim());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("TFTP configuration " + TftpFileServer.PID + ": bindAddress '"
                    + address + "' is not an address of this host; set an IP address", e);
        }
    }
}
