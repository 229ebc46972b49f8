package org.uplift.workflow.engine;

import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.DriverCapabilities;
import org.uplift.api.driver.OperationHandle;
import org.uplift.api.driver.OperationRequest;
import org.uplift.api.driver.OperationStatus;
import org.uplift.api.driver.OperationType;

/**
 * A real driver that declares only what it is given, as a driver of a poorer MIB would: the workflow must
 * then plan without the operations and evidence left out.
 */
record DeclaringDriver(DeviceDriver inner, DriverCapabilities capabilities) implements DeviceDriver {

    @Override
    public boolean supports(OperationType type) {
        return capabilities.can(type);
    }

    @Override
    public DeviceFacts facts(Device device) throws DeviceException {
        return inner.facts(device);
    }

    @Override
    public OperationHandle start(Device device, OperationRequest request) throws DeviceException {
        return inner.start(device, request);
    }

    @Override
    public OperationStatus status(Device device, OperationHandle handle) throws DeviceException {
        return inner.status(device, handle);
    }

    @Override
    public void release(Device device, OperationHandle handle) throws DeviceException {
        inner.release(device, handle);
    }
}
