package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.OperationHandle;
import org.uplift.api.driver.OperationRequest;
import org.uplift.api.driver.OperationState;
import org.uplift.api.driver.OperationStatus;
import org.uplift.api.driver.OperationType;
import org.uplift.api.repository.TransferProtocol;

/** A download that will reboot the device: silence ends the watch only when it lasts, never one lost reply. */
class OperationWatcherTest {

    private static final Device DEVICE = new Device("iad-1", "127.0.0.1", 161, SnmpCredentials.v2c("private"), null);
    private static final OperationRequest DOWNLOAD = new OperationRequest(OperationType.DOWNLOAD_FIRMWARE,
            TransferProtocol.TFTP, "127.0.0.1", 69, "up-x.bin", null, null);

    /** Answers status reads from a script: a status, or {@code null} for a read that gets no reply. */
    private static DeviceDriver scripted(List<OperationStatus> answers) {
        Deque<OperationStatus> script = new ArrayDeque<>();
        answers.forEach(
                a -> script.add(a == null ? new OperationStatus(OperationState.UNKNOWN, "silent", null, -1) : a));
        return new DeviceDriver() {
            @Override
            public boolean supports(OperationType type) {
                return true;
            }

            @Override
            public DeviceFacts facts(Device device) {
                throw new UnsupportedOperationException();
            }

            @Override
            public OperationHandle start(Device device, OperationRequest request) {
                return new OperationHandle(7);
            }

            @Override
            public OperationStatus status(Device device, OperationHandle handle) throws DeviceException {
                OperationStatus next = script.size() > 1 ? script.poll() : script.peek();
                if ("silent".equals(next.failCause())) {
                    throw new DeviceException("no answer", true);
                }
                return next;
            }

            @Override
            public void release(Device device, OperationHandle handle) {
            }
        };
    }

    private static OperationStatus running() {
        return new OperationStatus(OperationState.RUNNING, null, null, 100);
    }

    @Test
    void givenOneLostReplyThenAFailureReport_whenWatched_thenTheFailureIsHeard() {
        OperationWatcher watcher = new OperationWatcher(Duration.ofMillis(5), () -> null, 3);
        DeviceDriver driver = scripted(Arrays.asList(running(), null, running(),
                new OperationStatus(OperationState.FAILED, "corruptImage", null, 0)));
        StepFailure failure = assertThrows(StepFailure.class,
                () -> watcher.run(DEVICE, driver, DOWNLOAD, Duration.ofSeconds(5), true));
        assertTrue(failure.getMessage().contains("corruptImage"), failure.getMessage());
    }

    @Test
    void givenASilenceOfSeveralPolls_whenWatched_thenTheDeviceIsTakenToBeRestarting() throws Exception {
        OperationWatcher watcher = new OperationWatcher(Duration.ofMillis(5), () -> null, 3);
        DeviceDriver driver = scripted(Arrays.asList(running(), null, null, null));
        OperationWatcher.Report report = watcher.run(DEVICE, driver, DOWNLOAD, Duration.ofSeconds(5), true);
        assertEquals(OperationState.UNKNOWN, report.status().state());
        assertTrue(report.how().contains("fell silent for 3 polls"), report.how());
    }
}
