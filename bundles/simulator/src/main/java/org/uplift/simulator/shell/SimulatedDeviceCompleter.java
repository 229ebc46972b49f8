package org.uplift.simulator.shell;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.simulator.DeviceStatus;

/** Completes the numbers of the simulated devices. */
@Service
public class SimulatedDeviceCompleter extends FleetCompleter {

    @Override
    protected int number(DeviceStatus device) {
        return device.index();
    }
}
