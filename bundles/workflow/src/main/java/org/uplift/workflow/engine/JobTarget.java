package org.uplift.workflow.engine;

import java.net.InetAddress;
import java.util.Map;

import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.OperationType;

/**
 * The device a job upgrades, the drivers that read and command it (one per operation: a device may
 * use one MIB for its configuration, another for its software), and the address its transfers come from.
 */
record JobTarget(Device device, DeviceDriver driver, Map<OperationType, DeviceDriver> commanders, InetAddress address) {

    DeviceDriver driverFor(OperationType type) {
        DeviceDriver d = commanders.get(type);
        return d == null ? driver : d;
    }
}
