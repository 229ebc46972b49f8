package org.uplift.simulator.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.uplift.simulator.DeviceStatus;
import org.uplift.simulator.SimulatorFleet;

@Service
@Command(scope = "uplift-sim", name = "devices", description = "Lists the simulated devices")
public class DevicesCommand implements Action {

    @Reference
    SimulatorFleet fleet;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
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
        for (DeviceStatus d : fleet.devices()) {
            table.addRow().addContent(d.index(), d.host(), d.port(), d.model(), d.runningVersion(),
                    d.keptVersion().isEmpty() ? "-" : d.keptVersion(), d.configFormat(),
                    d.configDigest().substring(0, 12), d.rebooting() ? "yes" : "no",
                    d.faults().isEmpty() ? "-" : String.join(",", d.faults()));
        }
        table.print(System.out);
        return null;
    }
}
