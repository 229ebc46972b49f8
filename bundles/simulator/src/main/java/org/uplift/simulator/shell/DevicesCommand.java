package org.uplift.simulator.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.uplift.simulator.DeviceStatus;

@Service
@Command(scope = "uplift-sim", name = "devices", description = "Lists the simulated devices: number, SNMP address and port, versions, faults.", detailedDescription = """
        The number (Index) is what uplift-sim:fault --device takes; the port is what uplift-sim:config and \
        uplift:device-add --port take. Silent: the device does not answer SNMP (rebooting or a fault).
        The fleet is set up by etc/org.uplift.simulator.cfg (devices, basePort, model, version, faults).
        Example: uplift-sim:devices""")
public class DevicesCommand extends SimulatorAction {

    @Override
    protected Object run() {
        ShellTable table = new ShellTable().emptyTableText("The simulated fleet has no devices");
        table.column("Index").alignRight();
        table.column("Address");
        table.column("Port").alignRight();
        table.column("Model");
        table.column("Running");
        table.column("Kept");
        table.column("Format");
        table.column("Config digest");
        table.column("Silent");
        table.column("Faults");
        for (DeviceStatus d : fleet().devices()) {
            table.addRow().addContent(d.index(), d.host(), d.port(), d.model(), d.runningVersion(),
                    d.keptVersion().isEmpty() ? "-" : d.keptVersion(), d.configFormat(),
                    d.configDigest().substring(0, Math.min(12, d.configDigest().length())),
                    d.rebooting() ? "yes" : "no",
                    d.faults().isEmpty() ? "-" : String.join(",", d.faults()));
        }
        table.print(System.out);
        return null;
    }
}
