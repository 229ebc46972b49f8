package org.uplift.simulator.shell;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.simulator.DeviceStatus;

/** Completes the SNMP ports of the simulated devices. */
@Service
public class SimulatedPortCompleter extends FleetCompleter {

    @Override
    protected int number(DeviceStatus device) {
        return device.port();
    }
}
