package org.uplift.api.device;

import java.util.Objects;

import org.uplift.api.repository.TransferProtocol;

/**
 * A device Uplift can upgrade: where its SNMP agent listens and how to talk to it.
 *
 * @param id          the operator's name for the device, unique in the inventory
 * @param host        IP address or host name of the device's SNMP agent; also the address the
 *                    device's file transfers come from
 * @param snmpPort    UDP port of the SNMP agent
 * @param credentials SNMP credentials
 * @param driver      name of the {@code DeviceDriver} to use, or {@code null} to choose by sysObjectID
 * @param transfer    how the device reaches Uplift's file server (since 0.3; TFTP when not given)
 * @since 0.1
 */
public record Device(String id, String host, int snmpPort, SnmpCredentials credentials, String driver,
        TransferProtocol transfer) {

    /** A device that transfers its files over TFTP. */
    public Device(String id, String host, int snmpPort, SnmpCredentials credentials, String driver) {
        this(id, host, snmpPort, credentials, driver, TransferProtocol.TFTP);
    }

    public Device {
        if (id == null || id.isBlank() || !id.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new IllegalArgumentException("device id must be 1-64 of A-Z a-z 0-9 . _ : - (got '" + id + "')");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("device " + id + ": host is required");
        }
        if (snmpPort < 1 || snmpPort > 65535) {
            throw new IllegalArgumentException("device " + id + ": SNMP port must be 1-65535 (got " + snmpPort + ")");
        }
        Objects.requireNonNull(credentials, "credentials");
        transfer = transfer == null ? TransferProtocol.TFTP : transfer;
    }
}
