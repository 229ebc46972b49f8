package org.uplift.api.device;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

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
 * @param serverAddress the file server's address as this device must be told it (behind NAT, or on a
 *                    multi-homed host), or {@code null} for the server's advertised address (since 0.3)
 * @param transferSource another address the device's transfers may come from (a device that sends
 *                    files from another interface than its SNMP agent's), or {@code null} (since 0.3)
 * @since 0.1
 */
public record Device(String id, String host, int snmpPort, SnmpCredentials credentials, String driver,
        TransferProtocol transfer, String serverAddress, String transferSource) {

    private static final Pattern DOTTED = Pattern.compile("[0-9.]+");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9_.-]+)?");
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");

    /**
     * Whether {@code host} is an IPv4 address in dotted-quad form, an IPv6 literal, or a host name
     * (RFC 1123 labels); what looks like an IPv4 address must be one ({@code 999.1.1.1} is not).
     *
     * @since 0.3
     */
    public static boolean isAddressOrHostName(String host) {
        if (host.indexOf(':') >= 0) {
            return IPV6.matcher(host).matches() && ipv6Literal(host);
        }
        if (DOTTED.matcher(host).matches()) {
            return IPV4.matcher(host).matches();
        }
        return HOST_NAME.matcher(host).matches();
    }

    private static boolean ipv6Literal(String host) {
        try {
            // a literal with a colon is parsed, never looked up
            return InetAddress.getByName(host) instanceof Inet6Address;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** A device that transfers its files over TFTP. */
    public Device(String id, String host, int snmpPort, SnmpCredentials credentials, String driver) {
        this(id, host, snmpPort, credentials, driver, TransferProtocol.TFTP);
    }

    /** A device told the server's advertised address, whose transfers come from its SNMP address. */
    public Device(String id, String host, int snmpPort, SnmpCredentials credentials, String driver,
            TransferProtocol transfer) {
        this(id, host, snmpPort, credentials, driver, transfer, null, null);
    }

    public Device {
        if (id == null || id.isBlank() || !id.matches("[A-Za-z0-9._:-]{1,64}")) {
            throw new IllegalArgumentException("device id must be 1-64 of A-Z a-z 0-9 . _ : - (got '" + id + "')");
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("device " + id + ": host is required");
        }
        if (!isAddressOrHostName(host)) {
            throw new IllegalArgumentException("device " + id + ": '" + host + "' is neither an IPv4 or IPv6 address "
                    + "nor a host name");
        }
        if (snmpPort < 1 || snmpPort > 65535) {
            throw new IllegalArgumentException("device " + id + ": SNMP port must be 1-65535 (got " + snmpPort + ")");
        }
        Objects.requireNonNull(credentials, "credentials");
        transfer = transfer == null ? TransferProtocol.TFTP : transfer;
        serverAddress = blankToNull(serverAddress);
        transferSource = blankToNull(transferSource);
        if (serverAddress != null && !isAddressOrHostName(serverAddress)) {
            throw new IllegalArgumentException(
                    "device " + id + ": server address '" + serverAddress + "' is neither an "
                            + "IPv4 or IPv6 address nor a host name");
        }
        if (transferSource != null && !isAddressOrHostName(transferSource)) {
            throw new IllegalArgumentException(
                    "device " + id + ": transfer source '" + transferSource + "' is neither an "
                            + "IPv4 or IPv6 address nor a host name");
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
