package org.uplift.snmp.session;

import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.OperationRequest;
import org.uplift.api.repository.TransferProtocol;

/**
 * For MIBs that cannot tell a device the file server's port (CISCO-CONFIG-COPY-MIB,
 * DOCS-CABLE-DEVICE-MIB): the device uses a port of its own, the protocol's well-known one on
 * real devices. A request for another port would time out on the device for no visible reason, so
 * it is refused at once with a message that says what to change.
 */
public final class FixedServerPort {

    /** The well-known HTTP port, which devices use when the MIB names none. */
    public static final int WELL_KNOWN_HTTP_PORT = 80;

    private final String mib;
    private final String pid;
    private final int tftpPort;
    private final int ftpPort;
    private final int httpPort;

    /**
     * Ports for a MIB whose devices use TFTP or FTP; HTTP on its well-known port.
     *
     * @param mib      the MIB's name for messages
     * @param pid      the configuration PID where the ports are set, for messages
     * @param tftpPort the TFTP port devices use
     * @param ftpPort  the FTP port devices use
     */
    public FixedServerPort(String mib, String pid, int tftpPort, int ftpPort) {
        this(mib, pid, tftpPort, ftpPort, WELL_KNOWN_HTTP_PORT);
    }

    /**
     * @param mib      the MIB's name for messages
     * @param pid      the configuration PID where the ports are set, for messages
     * @param tftpPort the TFTP port devices use
     * @param ftpPort  the FTP port devices use
     * @param httpPort the HTTP port devices use
     */
    public FixedServerPort(String mib, String pid, int tftpPort, int ftpPort, int httpPort) {
        this.mib = mib;
        this.pid = pid;
        this.tftpPort = tftpPort;
        this.ftpPort = ftpPort;
        this.httpPort = httpPort;
    }

    /** The port devices use for {@code protocol}. */
    public int portFor(TransferProtocol protocol) {
        return switch (protocol) {
            case TFTP -> tftpPort;
            case FTP -> ftpPort;
            case HTTP -> httpPort;
        };
    }

    /** Throws unless the request's server port is the one devices use (or is not given: 0). */
    public void check(Device device, OperationRequest request) throws DeviceException {
        int expected = portFor(request.protocol());
        if (request.serverPort() != 0 && request.serverPort() != expected) {
            throw new DeviceException(SnmpSession.describe(device) + " speaks " + mib + ", which cannot name the file "
                    + "server's port: the device will use " + request.protocol() + " port " + expected + ", but the "
                    + "file server listens on " + request.serverPort() + ". Run the file server on port " + expected
                    + ", or set the port the devices use in " + pid, false);
        }
    }
}
