package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.DriverCapabilities;
import org.uplift.api.driver.Evidence;
import org.uplift.api.driver.OperationHandle;
import org.uplift.api.driver.OperationRequest;
import org.uplift.api.driver.OperationState;
import org.uplift.api.driver.OperationStatus;
import org.uplift.api.driver.OperationType;
import org.uplift.api.repository.TransferProtocol;

/** What a device says reaches the job's history, logs and terminals with its control characters escaped. */
class DeviceTextTest {

    private static final String HOSTILE = "\r\n\u001b]0;x\u0007";
    private static final Device DEVICE = new Device("iad-1", "127.0.0.1", 161, SnmpCredentials.v2c("private"), null);

    /** A device that answers with terminal escapes and line breaks in everything it says. */
    private static final DeviceDriver LIAR = new DeviceDriver() {
        @Override
        public boolean supports(OperationType type) {
            return true;
        }

        @Override
        public DriverCapabilities capabilities() {
            return new DriverCapabilities(Set.of(OperationType.values()), Set.of(Evidence.values()));
        }

        @Override
        public DeviceFacts facts(Device device) {
            return new DeviceFacts("1.3.6" + HOSTILE, 5, "IAD" + HOSTILE, "2.0" + HOSTILE, "1.0" + HOSTILE, "1", "", 3);
        }

        @Override
        public OperationHandle start(Device device, OperationRequest request) {
            return new OperationHandle(1);
        }

        @Override
        public OperationStatus status(Device device, OperationHandle handle) {
            return new OperationStatus(OperationState.FAILED, "badFileName", "no such file" + HOSTILE + "FAKE LOG LINE",
                    0);
        }

        @Override
        public void release(Device device, OperationHandle handle) {
        }
    };

    @Test
    void givenFactsWithControlCharacters_whenRead_thenEveryTextIsEscaped() throws Exception {
        DeviceFacts facts = new DeviceReader(List.of(LIAR)).read(DEVICE);
        for (String text : List.of(facts.sysObjectId(), facts.model(), facts.runningVersion(), facts.keptVersion())) {
            assertFalse(text.chars().anyMatch(c -> c < 0x20), text);
            assertTrue(text.endsWith("\\u000d\\u000a\\u001b]0;x\\u0007"), text);
        }
        assertEquals(3, facts.engineBoots());
    }

    @Test
    void givenAFailureMessageWithControlCharacters_whenTheOperationFails_thenTheStepFailureIsOneEscapedLine() {
        OperationWatcher watcher = new OperationWatcher(Duration.ofMillis(10), () -> null, 3);
        OperationRequest request = new OperationRequest(OperationType.BACKUP_CONFIG, TransferProtocol.TFTP, "127.0.0.1",
                69, "up-x.cfg", null, null);
        StepFailure failure = assertThrows(StepFailure.class,
                () -> watcher.run(DEVICE, LIAR, request, Duration.ofSeconds(2), false));
        assertFalse(failure.getMessage().chars().anyMatch(c -> c < 0x20 || c == 0x7f), failure.getMessage());
        assertTrue(failure.getMessage().contains("no such file\\u000d\\u000a\\u001b]0;x\\u0007FAKE LOG LINE"),
                failure.getMessage());
    }
}
