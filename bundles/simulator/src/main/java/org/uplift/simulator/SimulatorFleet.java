package org.uplift.simulator;

import java.util.List;
import java.util.Optional;

/** A running fleet of simulated devices; registered as a service (inside this bundle) for the shell. */
public interface SimulatorFleet {

    List<DeviceStatus> devices();

    /** The device answering SNMP on this port (the first such device when each has its own address). */
    Optional<SimulatedDevice> device(int port);

    /** The device with this number (1-based). */
    Optional<SimulatedDevice> deviceByIndex(int index);
}
