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

/** A test driver that passes everything to a real one; an implementation overrides only what it changes. */
public interface ForwardingDriver extends DeviceDriver {

    /** The real driver. */
    DeviceDriver inner();

    @Override
    default boolean supports(OperationType type) {
        return inner().supports(type);
    }

    @Override
    default DriverCapabilities capabilities() {
        return inner().capabilities();
    }

    @Override
    default DeviceFacts facts(Device device) throws DeviceException {
        return inner().facts(device);
    }

    @Override
    default OperationHandle start(Device device, OperationRequest request) throws DeviceException {
        return inner().start(device, request);
    }

    @Override
    default OperationStatus status(Device device, OperationHandle handle) throws DeviceException {
        return inner().status(device, handle);
    }

    @Override
    default void release(Device device, OperationHandle handle) throws DeviceException {
        inner().release(device, handle);
    }
}
