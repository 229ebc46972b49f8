package org.uplift.workflow.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceEvents;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.OperationCompletion;
import org.uplift.api.driver.OperationHandle;
import org.uplift.api.driver.OperationRequest;
import org.uplift.api.driver.OperationState;
import org.uplift.api.driver.OperationStatus;
import org.uplift.common.text.DeviceText;

/**
 * Commands one operation and watches it until the device reports its end or the step's time-out
 * passes (docs/design.md#step-failure: a failure message or a time-out both fail the step). The device's
 * completion notification ends the wait at once; polling the operation's state is the fall-back,
 * since notifications travel over UDP and can be lost.
 */
final class OperationWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(OperationWatcher.class);
    /**
     * How long a row not yet seen may read as missing: a device may acknowledge the SET that creates it
     * and only then create it (at most half the step's time-out, so a reboot is still reported in time).
     */
    private static final Duration ROW_GRACE = Duration.ofSeconds(5);

    /** How the operation ended and what told Uplift so. */
    record Report(OperationStatus status, String how) {
    }

    private final Duration pollInterval;
    private final Supplier<DeviceEvents> events;
    private final int silentPolls;

    /** @param silentPolls unanswered reads in a row that mean a device told to reboot has started to */
    OperationWatcher(Duration pollInterval, Supplier<DeviceEvents> events, int silentPolls) {
        this.pollInterval = pollInterval;
        this.events = events;
        this.silentPolls = Math.max(1, silentPolls);
    }

    /**
     * Runs the operation to its end.
     *
     * @param rebootExpected the device reboots when the operation succeeds, so its silence or the
     *                       loss of the operation row after it started means "go and verify"
     * @return the last status: SUCCESSFUL, or UNKNOWN when a reboot took the row away
     * @throws StepFailure on a failure the device reports, on a time-out, or if the command is refused
     */
    Report run(Device device, DeviceDriver driver, OperationRequest request, Duration timeout,
            boolean rebootExpected) throws StepFailure, InterruptedException {
        long startedAt = System.nanoTime();
        long deadline = startedAt + timeout.toNanos();
        // read before the command: a notification received earlier is not this operation's
        Instant startedOn = Instant.now();
        OperationHandle handle;
        try {
            handle = driver.start(device, request);
        } catch (DeviceException e) {
            throw new StepFailure(
                    "device " + device.id() + " refused the " + describe(request) + " command: " + e.getMessage(), e);
        }
        DeviceEvents notifications = events.get();
        CompletableFuture<OperationCompletion> notified = notifications == null ? null
                : notifications.completion(device, handle, startedOn);
        try {
            long rowGraceEnd = startedAt + Math.min(ROW_GRACE.toNanos(), timeout.toNanos() / 2);
            return watch(device, driver, handle, request, timeout, deadline, rowGraceEnd, rebootExpected, notified);
        } finally {
            if (notified != null) {
                notified.cancel(false);
            }
            release(device, driver, handle);
        }
    }

    private Report watch(Device device, DeviceDriver driver, OperationHandle handle, OperationRequest request,
            Duration timeout, long deadline, long rowGraceEnd, boolean rebootExpected,
            CompletableFuture<OperationCompletion> notified) throws StepFailure, InterruptedException {
        String lastSeen = "no answer yet";
        int silent = 0;
        boolean rowSeen = false;
        while (System.nanoTime() < deadline) {
            OperationCompletion completion = await(notified);
            if (completion != null) {
                return ended(device, request, completion.toStatus(), "notification " + completion.notification());
            }
            try {
                OperationStatus status = driver.status(device, handle);
                silent = 0;
                lastSeen = status.state() + " (" + status.bytes() + " bytes)";
                switch (status.state()) {
                    case SUCCESSFUL, FAILED :
                        return ended(device, request, status, "polling");
                    case WAITING, RUNNING :
                        rowSeen = true;
                        break;
                    case UNKNOWN :
                        if (!rowSeen && System.nanoTime() < rowGraceEnd) {
                            lastSeen = "its row not readable yet";
                            break; // not created yet, not gone: waiting
                        }
                        if (rebootExpected) {
                            return new Report(status, "polling: the operation row is gone (device restarting)");
                        }
                        throw new StepFailure("device " + device.id() + " lost the " + describe(request)
                                + " operation (its row is gone: did it restart?)");
                    default :
                        break;
                }
            } catch (DeviceException e) {
                if (!e.unreachable()) {
                    throw new StepFailure("cannot read the state of " + describe(request) + " on device " + device.id()
                            + ": " + e.getMessage(), e);
                }
                // one lost reply is not a reboot: a failure the device reports after it must still be heard
                if (rebootExpected && ++silent >= silentPolls) {
                    return new Report(new OperationStatus(OperationState.UNKNOWN, null, "device silent: rebooting", 0),
                            "polling: the device fell silent for " + silent + " polls (restarting)");
                }
                lastSeen = "no answer: " + e.getMessage();
            }
        }
        throw new StepFailure("time-out: device " + device.id() + " did not finish " + describe(request) + " within "
                + timeout.toSeconds() + " s (last seen: " + lastSeen + ")");
    }

    /** Waits one poll interval, for the notification if one can come, else plainly. */
    private OperationCompletion await(CompletableFuture<OperationCompletion> notified) throws InterruptedException {
        if (notified == null) {
            Thread.sleep(pollInterval.toMillis());
            return null;
        }
        try {
            return notified.get(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException | CancellationException e) {
            Thread.sleep(pollInterval.toMillis());
            return null;
        }
    }

    private static Report ended(Device device, OperationRequest request, OperationStatus status, String how)
            throws StepFailure {
        if (status.state() == OperationState.FAILED) {
            throw new StepFailure("device " + device.id() + " reports " + describe(request) + " failed: "
                    + DeviceText.escape(status.describeFailure()) + " (" + how + ")");
        }
        return new Report(status, how);
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
