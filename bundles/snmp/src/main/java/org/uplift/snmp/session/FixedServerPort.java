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

    private final String mib;
    private final String pid;
    private final int tftpPort;
    private final int ftpPort;

    /**
     * @param mib      the MIB's name for messages
     * @param pid      the configuration PID where the ports are set, for messages
     * @param tftpPort the TFTP port devices use
     * @param ftpPort  the FTP port devices use
     */
    public FixedServerPort(String mib, String pid, int tftpPort, int ftpPort) {
        this.mib = mib;
        this.pid = pid;
        this.tftpPort = tftpPort;
        this.ftpPort = ftpPort;
    }

    /** Throws unless the request's server port is the one devices use (or is not given: 0). */
    public void check(Device device, OperationRequest request) throws DeviceException {
        int expected = request.protocol() == TransferProtocol.FTP ? ftpPort : tftpPort;
        if (request.serverPort() != 0 && request.serverPort() != expected) {
            throw new DeviceException(SnmpSession.describe(device) + " speaks " + mib + ", which cannot name the file "
                    + "server's port: the device will use " + request.protocol() + " port " + expected + ", but the "
                    + "file server listens on " + request.serverPort() + ". Run the file server on port " + expected
                    + ", or set the port the devices use in " + pid, false);
        }
    }
}
