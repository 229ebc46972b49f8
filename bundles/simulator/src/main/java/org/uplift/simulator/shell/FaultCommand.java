package org.uplift.simulator.shell;

import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.simulator.Fault;
import org.uplift.simulator.SimulatedDevice;
import org.uplift.simulator.SimulatorFleet;

@Service
@Command(scope = "uplift-sim", name = "fault", description = "Makes a simulated device fail from now on, or clears its "
        + "faults. Kinds: backup-fail, backup-hang, download-fail[:FAILCAUSE], corrupt-image, load-fail, no-return, "
        + "reject-config, restore-fail[:N], silent-during:backup|restore|download|rollback, silent. "
        + "Example: uplift-sim:fault --device 3 download-fail:noMemory")
public class FaultCommand implements Action {

    @Reference
    SimulatorFleet fleet;

    @Option(name = "--device", description = "The device's number (uplift-sim:devices lists them)", required = true)
    int index;

    @Option(name = "--clear", description = "Remove every fault of the device (a silenced device answers again, "
            + "one held down by no-return boots)")
    boolean clear;

    @Argument(index = 0, name = "kind", description = "The fault, KIND or KIND:ARGUMENT")
    String kind;

    @Override
    public Object execute() {
        SimulatedDevice device = fleet.deviceByIndex(index).orElseThrow(() -> new IllegalArgumentException(
                "no simulated device " + index + "; uplift-sim:devices lists them"));
        if (clear == (kind != null)) {
            throw new IllegalArgumentException("give either a fault kind or --clear");
        }
        if (clear) {
            device.clearFaults();
        } else {
            device.inject(Fault.parse(kind));
        }
        String faults = device.faults().stream().map(Fault::id).sorted().collect(Collectors.joining(", "));
        System.out.println("device " + index + " faults: " + (faults.isEmpty() ? "none" : faults));
        return null;
    }
}
