package org.uplift.simulator.shell;

import java.nio.charset.StandardCharsets;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.simulator.SimulatedDevice;

@Service
@Command(scope = "uplift-sim", name = "config", description = "Prints a simulated device's running configuration.", detailedDescription = """
        The device is named by its SNMP port (uplift-sim:devices lists them). Compare with what Uplift backed \
        up: uplift:backup-show <device>.
        Example: uplift-sim:config 16161""")
public class ConfigCommand extends SimulatorAction {

    @Argument(index = 0, name = "port", description = "The simulated device's SNMP port", required = true)
    @Completion(SimulatedPortCompleter.class)
    int port;

    @Override
    protected Object run() {
        SimulatedDevice device = fleet().device(port).orElseThrow(() -> new IllegalArgumentException(
                "no simulated device on port " + port + "; uplift-sim:devices lists them"));
        System.out.print(new String(device.runningConfig(), StandardCharsets.UTF_8));
        return null;
    }
}
