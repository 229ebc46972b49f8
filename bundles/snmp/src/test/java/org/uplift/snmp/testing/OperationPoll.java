package org.uplift.snmp.testing;

import java.time.Duration;

import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.OperationHandle;
import org.uplift.api.driver.OperationState;
import org.uplift.api.driver.OperationStatus;

/** Polls an operation a driver started, as the workflow does, until it ends. */
public final class OperationPoll {

    private OperationPoll() {
    }

    /** The operation's status once it is SUCCESSFUL or FAILED, or the last one read when {@code within} is over. */
    public static OperationStatus awaitEnd(DeviceDriver driver, Device device, OperationHandle handle, Duration within)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            OperationStatus status = driver.status(device, handle);
            if (status.state() == OperationState.SUCCESSFUL || status.state() == OperationState.FAILED
                    || System.nanoTime() > deadline) {
                return status;
            }
            Thread.sleep(30);
        }
    }
}
