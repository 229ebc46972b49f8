package org.uplift.shell;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.uplift.api.device.Device;
import org.uplift.api.device.DeviceRegistry;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.shell.completers.DeviceIdCompleter;

@Service
@Command(scope = "uplift", name = "device-add", description = "Adds a device to Uplift's inventory, or replaces the one with that id.", detailedDescription = """
        The device is reached over SNMPv2c with a write community (SNMPv1 for older devices with \
        --snmp-version 1), or over SNMPv3 (authPriv: SHA-256, AES-128) with --v3-user. Secrets are kept in \
        the inventory file (mode 600) and never printed.
        Defaults: --port 161, --community private, --snmp-version 2c, --transfer tftp, drivers chosen by the \
        device's sysObjectID.
        Examples:
          uplift:device-add --port 161 --community private iad-1 192.0.2.7
          uplift:device-add --snmp-version 1 --community private old-modem-1 192.0.2.9
          uplift:device-add --driver cisco-config-copy,uplift-iad --transfer ftp rtr-1 2001:db8::7
          uplift:device-add --server-address 198.51.100.1 --transfer-source 192.0.2.9 iad-3 192.0.2.8
          uplift:device-add --v3-user uplift --auth-pass ******** --priv-pass ******** iad-2 192.0.2.8""")
public class DeviceAddCommand extends UpliftAction {

    @Reference
    private DeviceRegistry registry;

    @Argument(index = 0, name = "device", description = "The device's id: 1-64 of letters, digits, . _ : - (an existing id is replaced)", required = true)
    @Completion(DeviceIdCompleter.class)
    private String id;

    @Argument(index = 1, name = "host", description = "Address of the device's SNMP agent; its file transfers must come from it too", required = true)
    private String host;

    @Option(name = "--port", aliases = "-p", description = "UDP port of the device's SNMP agent")
    private int port = 161;

    @Option(name = "--community", aliases = "-c", description = "SNMPv1/v2c write community", censor = true)
    private String community = "private";

    @Option(name = "--snmp-version", description = "SNMP version for a community: 2c, or 1 for older devices "
            + "(SNMPv3 is chosen by --v3-user)")
    @Completion(value = StringsCompleter.class, values = {"1", "2c"})
    private String snmpVersion = "2c";

    @Option(name = "--driver", aliases = "-d", description = "Drivers to use, comma-separated, e.g. cisco-config-copy,uplift-iad; default: chosen by sysObjectID")
    private String driver;

    @Option(name = "--transfer", aliases = "-t", description = "How the device reaches Uplift's file server: tftp, ftp or http (what its MIB can command)")
    @Completion(value = StringsCompleter.class, values = {"tftp", "ftp", "http"})
    private String transfer = "tftp";

    @Option(name = "--server-address", description = "The file server's address as this device must be told it (behind NAT or on a multi-homed host); default: org.uplift.tftp advertisedAddress")
    private String serverAddress;

    @Option(name = "--transfer-source", description = "Another address the device's file transfers may come from, besides its SNMP address")
    private String transferSource;

    @Option(name = "--v3-user", aliases = "-u", description = "SNMPv3 user: the device is then reached with SNMPv3 authPriv (SHA-256, AES-128) instead of v2c")
    private String v3User;

    @Option(name = "--auth-pass", description = "SNMPv3 authentication passphrase (at least 8 characters)", censor = true)
    private String authPass;

    @Option(name = "--priv-pass", description = "SNMPv3 privacy passphrase (at least 8 characters)", censor = true)
    private String privPass;

    @Override
    protected Object run() throws Exception {
        SnmpCredentials credentials = credentials();
        Device device = registry.put(new Device(id, host, port, credentials, driver,
                TransferProtocol.parse(transfer), serverAddress, transferSource));
        System.out.println("Device " + device.id() + " at " + device.host() + ":" + device.snmpPort() + " ("
                + device.credentials() + ", transfers over " + device.transfer().name().toLowerCase(Locale.ROOT)
                + (device.serverAddress() == null ? "" : " to " + device.serverAddress())
                + (device.transferSource() == null ? "" : ", also from " + device.transferSource()) + ")");
        return null;
    }

    private SnmpCredentials credentials() {
        String version = snmpVersion == null ? "2c" : snmpVersion.trim().toLowerCase(Locale.ROOT);
        if (!version.equals("1") && !version.equals("2c")) {
            throw new IllegalArgumentException("--snmp-version must be 1 or 2c (got '" + snmpVersion
                    + "'); SNMPv3 is chosen by --v3-user");
        }
        if (v3User == null) {
            if (authPass != null || privPass != null) {
                throw new IllegalArgumentException("--auth-pass and --priv-pass are for SNMPv3: give --v3-user too");
            }
            return version.equals("1") ? SnmpCredentials.v1(community) : SnmpCredentials.v2c(community);
        }
        if (version.equals("1")) {
            throw new IllegalArgumentException("--snmp-version 1 and --v3-user exclude each other");
        }
        if (authPass == null || privPass == null || authPass.length() < 8 || privPass.length() < 8) {
            throw new IllegalArgumentException(
                    "SNMPv3 needs --auth-pass and --priv-pass of at least 8 characters each");
        }
        return SnmpCredentials.v3(v3User, authPass, privPass);
    }
}
