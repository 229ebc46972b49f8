package org.uplift.shell;

import java.util.Locale;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.uplift.api.device.Device;
import org.uplift.api.device.DeviceRegistry;

@Service
@Command(scope = "uplift", name = "device-list", description = "Lists the devices in Uplift's inventory.", detailedDescription = """
        Shows the devices added with uplift:device-add: address, SNMP port and version, drivers. Secrets \
        (communities, passphrases) are never shown.
        Example: uplift:device-list""")
public class DeviceListCommand extends TableCommand {

    @Reference
    private DeviceRegistry registry;

    @Override
    protected Object run() throws Exception {
        ShellTable table = new ShellTable().emptyTableText("No devices yet: add one with uplift:device-add");
        table.column("Id");
        table.column("Host");
        table.column("Port").alignRight();
        table.column("SNMP");
        table.column("Driver");
        table.column("Transfer");
        for (Device d : registry.devices()) {
            table.addRow().addContent(d.id(), d.host(), d.snmpPort(), d.credentials(),
                    d.driver() == null ? "(auto)" : d.driver(),
                    d.transfer().name().toLowerCase(Locale.ROOT));
        }
        print(table);
        return null;
    }
}
