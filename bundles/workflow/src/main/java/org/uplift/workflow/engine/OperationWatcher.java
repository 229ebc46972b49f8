package org.uplift.workflow.engine;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.OperationHandle;
import org.uplift.api.driver.OperationRequest;
import org.uplift.api.driver.OperationState;
import org.uplift.api.driver.OperationStatus;

/**
 * Commands one operation and watches it until the device reports its end or the step's time-out
 * passes (claims 3, 8, 13: a failure message or a time-out both fail the step).
 */
final class OperationWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(OperationWatcher.class);

    private final Duration pollInterval;

    OperationWatcher(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    /**
     * Runs the operation to its end.
     *
     * @param rebootExpected the device reboots when the operation succeeds, so its silence or the
     *                       loss of the operation row after it started means "go and verify"
     * @return the last status read: SUCCESSFUL, or UNKNOWN when a reboot took the row away
     * @throws StepFailure on a failure the device reports, on a time-out, or if the command is refused
     */
    OperationStatus run(Device device, DeviceDriver driver, OperationRequest request, Duration timeout,
            boolean rebootExpected) throws StepFailure, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        OperationHandle handle;
        try {
            handle = driver.start(device, request);
        } catch (DeviceException e) {
            throw new StepFailure("device " + device.id() + " refused the " + describe(request) + " command: " + e.getMessage(), e);
        }
        try {
            return watch(device, driver, handle, request, timeout, deadline, rebootExpected);
        } finally {
            release(device, driver, handle);
        }
    }

    private OperationStatus watch(Device device, DeviceDriver driver, OperationHandle handle, OperationRequest request,
            Duration timeout, long deadline, boolean rebootExpected) throws StepFailure, InterruptedException {
        String lastSeen = "no answer yet";
        while (System.nanoTime() < deadline) {
            Thread.sleep(pollInterval.toMillis());
            try {
                OperationStatus status = driver.status(device, handle);
                lastSeen = status.state() + " (" + status.bytes() + " bytes)";
                switch (status.state()) {
                    case SUCCESSFUL:
                        return status;
                    case FAILED:
                        throw new StepFailure("device " + device.id() + " reports " + describe(request) + " failed: "
                                + status.describeFailure());
                    case UNKNOWN:
                        if (rebootExpected) {
                            return status;
                        }
                        throw new StepFailure("device " + device.id() + " lost the " + describe(request)
                                + " operation (its row is gone: did it restart?)");
                    default:
                        break;
                }
            } catch (DeviceException e) {
                if (!e.unreachable()) {
                    throw new StepFailure("cannot read the state of " + describe(request) + " on device " + device.id()
                            + ": " + e.getMessage(), e);
                }
                if (rebootExpected) {
                    return new OperationStatus(OperationState.UNKNOWN, null, "device silent: rebooting", 0);
                }
                lastSeen = "no answer: " + e.getMessage();
            }
        }
        throw new StepFailure("time-out: device " + device.id() + " did not finish " + describe(request) + " within "
                + timeout.toSeconds() + " s (last seen: " + lastSeen + ")");
    }

    private static void release(Device device, DeviceDriver driver, OperationHandle handle) {
        try {
            driver.release(device, handle);
        } catch (DeviceException e) {
            // a rebooted device has already forgotten the row
            LOG.debug("Could not release operation {} on {}: {}", handle.index(), device.id(), e.getMessage());
        }
    }

    static String describe(OperationRequest request) {
        return switch (request.type()) {
            case BACKUP_CONFIG -> "configuration backup";
            case RESTORE_CONFIG -> "configuration restore";
            case DOWNLOAD_FIRMWARE -> "firmware download";
            case ROLLBACK_FIRMWARE -> "firmware roll-back";
        };
    }
}
