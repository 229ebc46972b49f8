package org.uplift.simulator.shell;

import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.simulator.Fault;
import org.uplift.simulator.SimulatedDevice;

@Service
@Command(scope = "uplift-sim", name = "fault", description = "Makes a simulated device fail from now on, or clears its faults.", detailedDescription = """
        Kinds: backup-fail, backup-hang, download-fail[:FAILCAUSE] (default transferFailed), corrupt-image, \
        load-fail, no-return, reject-config, restore-fail[:N] (default 1), \
        silent-during:backup|restore|download|rollback, silent.
        Faults add up; --clear removes them all (a silenced device answers again, one held down by no-return \
        boots).
        Examples:
          uplift-sim:fault --device 3 download-fail:noMemory
          uplift-sim:fault --device 3 --clear""")
public class FaultCommand extends SimulatorAction {

    @Option(name = "--device", description = "The simulated device's number (uplift-sim:devices lists them)", required = true)
    @Completion(SimulatedDeviceCompleter.class)
    int index;

    @Option(name = "--clear", description = "Remove every fault of the device instead of adding one")
    boolean clear;

    @Argument(index = 0, name = "kind", description = "The fault to add, KIND or KIND:ARGUMENT")
    @Completion(FaultKindCompleter.class)
    String kind;

    @Override
    protected Object run() {
        SimulatedDevice device = fleet().deviceByIndex(index).orElseThrow(() -> new IllegalArgumentException(
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
