package org.uplift.snmp.iad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.OperationHandle;
import org.uplift.api.driver.OperationRequest;
import org.uplift.api.driver.OperationState;
import org.uplift.api.driver.OperationStatus;
import org.uplift.api.driver.OperationType;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.simulator.DeviceSettings;
import org.uplift.simulator.Fault;
import org.uplift.simulator.FirmwareImageFormat;
import org.uplift.simulator.SimulatedDevice;
import org.uplift.snmp.testing.OperationPoll;

/** Every fault the simulator injects, seen through the reference driver as a manager sees it. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaultInjectionTest {

    private static final long REBOOT_MILLIS = 600;

    private SimulatedDevice simulator;
    private TestTftpServer tftp;
    private UpliftIadDriver driver;
    private Device device;

    @BeforeEach
    void start() throws Exception {
        simulator = new SimulatedDevice(DeviceSettings.defaults(9, 0).withRebootMillis(REBOOT_MILLIS));
        tftp = new TestTftpServer();
        driver = new UpliftIadDriver(UpliftIadDriverTest.config(300, 1));
        device = new Device("sim-9", "127.0.0.1", simulator.port(), SnmpCredentials.v2c("private"), null);
        tftp.served.put("fw.img", FirmwareImageFormat.build("IAD-1000", "2.0.0", "2", 5_000));
    }

    @AfterEach
    void stop() throws Exception {
        driver.deactivate();
        tftp.close();
        simulator.close();
    }

    @Test
    void backupFail_reportsFailure() throws Exception {
        simulator.inject(Fault.parse("backup-fail"));
        OperationStatus status = run(OperationType.BACKUP_CONFIG, "b.cfg");
        assertEquals(OperationState.FAILED, status.state());
        assertEquals("unknown", status.failCause());
    }

    @Test
    void backupHang_staysRunning() throws Exception {
        simulator.inject(Fault.parse("backup-hang"));
        OperationHandle handle = driver.start(device, request(OperationType.BACKUP_CONFIG, "b.cfg"));
        Thread.sleep(1000);
        assertEquals(OperationState.RUNNING, driver.status(device, handle).state());
    }

    @Test
    void downloadFail_reportsEachFailCause() throws Exception {
        for (String cause : new String[]{"unknown", "badFileName", "timeout", "noMemory", "corruptImage",
                "wrongModel", "loadFailed", "unsupportedProtocol", "formatRejected", "transferFailed"}) {
            simulator.inject(Fault.parse("download-fail:" + cause));
            OperationStatus status = run(OperationType.DOWNLOAD_FIRMWARE, "fw.img");
            assertEquals(OperationState.FAILED, status.state(), cause);
            assertEquals(cause, status.failCause());
        }
    }

    @Test
    void corruptImage_failsTheChecksum() throws Exception {
        simulator.inject(Fault.parse("corrupt-image"));
        OperationStatus status = run(OperationType.DOWNLOAD_FIRMWARE, "fw.img");
        assertEquals("corruptImage", status.failCause());
        assertEquals("image payload does not match its SHA-256", status.failMessage());
    }

    @Test
    void loadFail_keepsTheOldVersionRunning() throws Exception {
        simulator.inject(Fault.parse("load-fail"));
        OperationStatus status = run(OperationType.DOWNLOAD_FIRMWARE, "fw.img");
        assertEquals("loadFailed", status.failCause());
        assertEquals("1.0.0", driver.facts(device).runningVersion());
    }

    @Test
    void successfulDownload_switchesVersionOnlyWhenTheDeviceComesBack_thenNoReturnHoldsItDownUntilCleared()
            throws Exception {
        simulator.inject(Fault.parse("no-return"));
        OperationStatus status = run(OperationType.DOWNLOAD_FIRMWARE, "fw.img");
        assertEquals(OperationState.SUCCESSFUL, status.state());
        assertEquals("1.0.0", driver.facts(device).runningVersion(), "still the old software until the reboot");

        Thread.sleep(300 + REBOOT_MILLIS + 700);
        DeviceException silent = assertThrows(DeviceException.class, () -> driver.facts(device));
        assertTrue(silent.unreachable());

        simulator.clearFaults();
        assertEquals("2.0.0", awaitFacts().runningVersion());
        String config = new String(simulator.runningConfig(), StandardCharsets.UTF_8);
        assertTrue(config.contains("format=2") && config.contains("subscriber.1.name="), config);
    }

    @Test
    void rejectConfig_failsRestoreWithFormatRejected() throws Exception {
        simulator.inject(Fault.parse("reject-config"));
        tftp.served.put("r.cfg", "format=1\n[user]\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("formatRejected", run(OperationType.RESTORE_CONFIG, "r.cfg").failCause());
    }

    @Test
    void restoreFail2_failsTwiceThenSucceeds() throws Exception {
        simulator.inject(Fault.parse("restore-fail:2"));
        tftp.served.put("r.cfg", "format=1\n[user]\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(OperationState.FAILED, run(OperationType.RESTORE_CONFIG, "r.cfg").state());
        assertEquals(OperationState.FAILED, run(OperationType.RESTORE_CONFIG, "r.cfg").state());
        assertEquals(OperationState.SUCCESSFUL, run(OperationType.RESTORE_CONFIG, "r.cfg").state());
    }

    @Test
    void silentDuringRestore_stopsAnsweringMidStep_untilCleared() throws Exception {
        simulator.inject(Fault.parse("silent-during:restore"));
        tftp.served.put("r.cfg", "format=1\n[user]\n".getBytes(StandardCharsets.UTF_8));
        OperationHandle handle = driver.start(device, request(OperationType.RESTORE_CONFIG, "r.cfg"));
        Thread.sleep(300);
        DeviceException e = assertThrows(DeviceException.class, () -> driver.status(device, handle));
        assertTrue(e.unreachable());
        assertTrue(e.getMessage().contains("sim-9"), e.getMessage());
        simulator.clearFaults();
        assertEquals(OperationState.RUNNING, driver.status(device, handle).state());
    }

    @Test
    void slowRow_hidesTheRowsStateUntilTheOperationStarts() throws Exception {
        simulator.inject(Fault.parse("slow-row:800"));
        OperationHandle handle = driver.start(device, request(OperationType.BACKUP_CONFIG, "b.cfg"));
        assertEquals(OperationState.UNKNOWN, driver.status(device, handle).state(), "the row's state is not there yet");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        OperationStatus status = driver.status(device, handle);
        while (status.state() != OperationState.SUCCESSFUL && System.nanoTime() < deadline) {
            Thread.sleep(30);
            status = driver.status(device, handle);
        }
        assertEquals(OperationState.SUCCESSFUL, status.state(), status.describeFailure());
        assertEquals(new String(simulator.runningConfig(), StandardCharsets.UTF_8),
                new String(tftp.received.get("b.cfg"), StandardCharsets.UTF_8));
    }

    @Test
    void bootAddsLine_isReplacedByARestoreThroughTheOpTable() throws Exception {
        simulator.inject(Fault.parse("boot-adds-line"));
        tftp.served.put("fw1.img", FirmwareImageFormat.build("IAD-1000", "1.1.0", "1", 5_000));
        assertEquals(OperationState.SUCCESSFUL, run(OperationType.DOWNLOAD_FIRMWARE, "fw1.img").state());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!"1.1.0".equals(awaitFacts().runningVersion()) && System.nanoTime() < deadline) {
            Thread.sleep(50); // the device reboots into the new software
        }
        assertEquals("1.1.0", awaitFacts().runningVersion());
        assertTrue(new String(simulator.runningConfig(), StandardCharsets.UTF_8)
                .contains("banner.boot=welcome\tto 1.1.0\n"));
        byte[] served = "format=1\n[user]\nuser.1.name=x\n".getBytes(StandardCharsets.UTF_8);
        tftp.served.put("r.cfg", served);
        assertEquals(OperationState.SUCCESSFUL, run(OperationType.RESTORE_CONFIG, "r.cfg").state());
        assertEquals(new String(served, StandardCharsets.UTF_8),
                new String(simulator.runningConfig(), StandardCharsets.UTF_8),
                "UPLIFT-IAD-MIB's restore replaces the running configuration");
    }

    private OperationStatus run(OperationType type, String file) throws Exception {
        OperationHandle handle = driver.start(device, request(type, file));
        OperationStatus status = OperationPoll.awaitEnd(driver, device, handle, Duration.ofSeconds(10));
        driver.release(device, handle);
        return status;
    }

    private org.uplift.api.driver.DeviceFacts awaitFacts() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return driver.facts(device);
            } catch (DeviceException e) {
                if (!e.unreachable() || System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private OperationRequest request(OperationType type, String fileName) {
        return new OperationRequest(type, TransferProtocol.TFTP, "127.0.0.1", tftp.port(), fileName, null, null);
    }
}
