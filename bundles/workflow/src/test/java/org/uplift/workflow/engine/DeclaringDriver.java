package org.uplift.workflow.engine;

import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DriverCapabilities;
import org.uplift.api.driver.OperationType;

/**
 * A real driver that declares only what it is given, as a driver of a poorer MIB would: the workflow must
 * then plan without the operations and evidence left out.
 */
record DeclaringDriver(DeviceDriver inner, DriverCapabilities capabilities) implements ForwardingDriver {

    @Override
    public boolean supports(OperationType type) {
        return capabilities.can(type);
    }
}
