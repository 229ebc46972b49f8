package org.uplift.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.uplift.api.device.Device;
import org.uplift.api.device.DeviceRegistry;

@Service
@Command(scope = "uplift", name = "device-list", description = "Lists the devices in Uplift's inventory.",
        detailedDescription = "Secrets are never shown. Example: uplift:device-list")
public class DeviceListCommand implements Action {

    @Reference
    private DeviceRegistry registry;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Id");
        table.column("Host");
        table.column("Port").alignRight();
        table.column("SNMP");
        table.column("Driver");
        for (Device d : registry.devices()) {
            table.addRow().addContent(d.id(), d.host(), d.snmpPort(), d.credentials(), d.driver() == null ? "(auto)" : d.driver());
        }
        table.print(System.out);
        return null;
    }
}
