package org.uplift.simulator;

import java.util.List;
import java.util.Optional;

/** A running fleet of simulated devices; registered as a service (inside this bundle) for the shell. */
public interface SimulatorFleet {

    List<DeviceStatus> devices();

    /** The device answering SNMP on this port of 127.0.0.1. */
    Optional<SimulatedDevice> device(int port);
}
