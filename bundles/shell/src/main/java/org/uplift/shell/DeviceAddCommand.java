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
        detailedDescription = "The device is reached over SNMPv2c with a write community.\n"
                + "Example: uplift:device-add --port 161 --community private iad-1 192.0.2.7")
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

    @Option(name = "--driver", aliases = "-d", description = "Driver to use (default: the only one installed)")
    private String driver;

    @Override
    public Object execute() {
        Device device = registry.put(new Device(id, host, port, SnmpCredentials.v2c(community), driver));
        System.out.println("Device " + device.id() + " at " + device.host() + ":" + device.snmpPort() + " ("
                + device.credentials() + ")");
        return null;
    }
}
