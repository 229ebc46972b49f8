package org.uplift.snmp.session;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceException;

/** The file server's address a driver writes into the device's MIB, from the host in the request. */
public final class ServerHost {

    private ServerHost() {
    }

    /**
     * @param what the operation, for the message when no host is given, e.g. "a software download"
     * @throws DeviceException (not unreachable) when the host is missing or does not resolve
     */
    public static InetAddress resolve(Device device, String host, String what) throws DeviceException {
        // the host comes from Uplift's own configuration, not from the device
        if (host == null || host.isBlank()) {
            throw new DeviceException(SnmpSession.describe(device) + ": " + what + " needs the file server's address",
                    false);
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new DeviceException(SnmpSession.describe(device) + ": cannot resolve the file server's host '"
                    + host + "'", false, e);
        }
    }
}
