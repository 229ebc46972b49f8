package org.uplift.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.device.Device;
import org.uplift.api.device.DeviceRegistry;
import org.uplift.api.device.SnmpCredentials;

@Service
@Command(scope = "uplift", name = "device-add", description = "Adds a device to Uplift's inventory, or replaces it.",
        detailedDescription = "The device is reached over SNMPv2c with a write community, or over SNMPv3 (authPriv) with --v3-user.\n"
                + "Example: uplift:device-add --port 161 --community private iad-1 192.0.2.7\n"
                + "SNMPv3: uplift:device-add --v3-user uplift --auth-pass ******** --priv-pass ******** iad-2 192.0.2.8")
public class DeviceAddCommand implements Action {

    @Reference
    private DeviceRegistry registry;

    @Argument(index = 0, name = "id", description = "The device's id (letters, digits, . _ : -)", required = true)
    private String id;

    @Argument(index = 1, name = "host", description = "Address of the device's SNMP agent", required = true)
    private String host;

    @Option(name = "--port", aliases = "-p", description = "SNMP port (default 161)")
    private int port = 161;

    @Option(name = "--community", aliases = "-c", description = "SNMPv2c write community (default private)", censor = true)
    private String community = "private";

    @Option(name = "--driver", aliases = "-d", description = "Drivers to use, comma-separated, e.g. cisco-config-copy,uplift-iad (default: chosen by sysObjectID)")
    private String driver;

    @Option(name = "--v3-user", aliases = "-u", description = "SNMPv3 user: the device is then reached with SNMPv3 authPriv (SHA-256, AES-128) instead of v2c")
    private String v3User;

    @Option(name = "--auth-pass", description = "SNMPv3 authentication passphrase (at least 8 characters)", censor = true)
    private String authPass;

    @Option(name = "--priv-pass", description = "SNMPv3 privacy passphrase (at least 8 characters)", censor = true)
    private String privPass;

    @Override
    public Object execute() {
        Device device = registry.put(new Device(id, host, port, credentials(), driver));
        System.out.println("Device " + device.id() + " at " + device.host() + ":" + device.snmpPort() + " ("
                + device.credentials() + ")");
        return null;
    }

    private SnmpCredentials credentials() {
        if (v3User == null) {
            return SnmpCredentials.v2c(community);
        }
        if (authPass == null || privPass == null || authPass.length() < 8 || privPass.length() < 8) {
            throw new IllegalArgumentException("SNMPv3 needs --auth-pass and --priv-pass of at least 8 characters each");
        }
        return SnmpCredentials.v3(v3User, authPass, privPass);
    }
}
