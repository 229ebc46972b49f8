package org.uplift.simulator.shell;

import java.nio.charset.StandardCharsets;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.simulator.SimulatedDevice;
import org.uplift.simulator.SimulatorFleet;

@Service
@Command(scope = "uplift-sim", name = "config", description = "Prints a simulated device's running configuration")
public class ConfigCommand implements Action {

    @Reference
    SimulatorFleet fleet;

    @Argument(index = 0, name = "port", description = "The device's SNMP port", required = true)
    int port;

    @Override
    public Object execute() {
        SimulatedDevice device = fleet.device(port).orElseThrow(() -> new IllegalArgumentException(
                "no simulated device on port " + port + "; uplift-sim:devices lists them"));
        System.out.print(new String(device.runningConfig(), StandardCharsets.UTF_8));
        return null;
    }
}
