package org.uplift.workflow.engine;

import java.net.InetAddress;
import java.util.Map;
import java.util.Set;

import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.OperationType;

/**
 * The device a job upgrades, the drivers that read and command it (one per operation: a device may
 * use one MIB for its configuration, another for its software), and the addresses its transfers come from
 * (its SNMP agent's, and the inventory's transfer source if it names one).
 */
record JobTarget(Device device, DeviceReader reader, Map<OperationType, DeviceDriver> commanders, InetAddress address,
        Set<InetAddress> alsoFrom) {

    /** The driver that commands {@code type}; the plan made sure there is one for every step it runs. */
    DeviceDriver driverFor(OperationType type) {
        DeviceDriver d = commanders.get(type);
        return d == null ? reader.primary() : d;
    }
}
