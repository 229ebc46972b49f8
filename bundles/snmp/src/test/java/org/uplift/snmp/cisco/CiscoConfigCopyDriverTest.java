package org.uplift.snmp.cisco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.OperationHandle;
import org.uplift.api.driver.OperationRequest;
import org.uplift.api.driver.OperationState;
import org.uplift.api.driver.OperationStatus;
import org.uplift.api.driver.OperationType;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.simulator.DeviceSettings;
import org.uplift.simulator.Fault;
import org.uplift.simulator.Personality;
import org.uplift.simulator.SimulatedDevice;
import org.uplift.snmp.iad.TestTftpServer;

/** The CISCO-CONFIG-COPY-MIB driver against the simulator's cisco-config-copy personality. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CiscoConfigCopyDriverTest {

    private TestTftpServer tftp;
    private SimulatedDevice simulator;
    private CiscoConfigCopyDriver driver;
    private Device device;

    @BeforeEach
    void start() throws Exception {
        tftp = new TestTftpServer();
        simulator = new SimulatedDevice(DeviceSettings.defaults(31, 0)
                .withPersonalities(EnumSet.of(Personality.CISCO_CONFIG_COPY)).withTftpPort(tftp.port()));
        driver = new CiscoConfigCopyDriver(config(tftp.port()));
        device = new Device("cisco-31", "127.0.0.1", simulator.port(), SnmpCredentials.v2c("private"), null);
    }

    @AfterEach
    void stop() throws Exception {
        driver.deactivate();
        simulator.close();
        tftp.close();
    }

    @Test
    void itSupportsConfigurationBackupAndRestoreOnly() {
        assertTrue(driver.supports(OperationType.BACKUP_CONFIG));
        assertTrue(driver.supports(OperationType.RESTORE_CONFIG));
        assertFalse(driver.supports(OperationType.DOWNLOAD_FIRMWARE));
        assertFalse(driver.supports(OperationType.ROLLBACK_FIRMWARE));
    }

    @Test
    void givenACiscoDeviceThatAlsoServesTheIadSystemGroup_whenFactsAreRead_thenVersionAndDigestComeFromIt()
            throws Exception {
        DeviceFacts facts = driver.facts(device);

        assertEquals("1.3.6.1.4.1.9.1.1", facts.sysObjectId());
        assertEquals("1.0.0", facts.runningVersion());
        assertEquals(sha256(simulator.runningConfig()), facts.configDigest());
    }

    @Test
    void givenATftpServer_whenBackupRuns_thenTheFileArrivesWithTheDigest_andTheRowIsDeletedAtTheEnd() throws Exception {
        OperationHandle handle = driver.start(device, request(OperationType.BACKUP_CONFIG, "cisco-31.cfg"));
        OperationStatus status = awaitEnd(handle);

        assertEquals(OperationState.SUCCESSFUL, status.state(), status.describeFailure());
        byte[] uploaded = tftp.received.get("cisco-31.cfg");
        assertNotNull(uploaded, "the server received no backup");
        assertEquals(driver.facts(device).configDigest(), sha256(uploaded));
        driver.release(device, handle);
        assertEquals(OperationState.UNKNOWN, driver.status(device, handle).state(), "the row is gone");
        driver.release(device, handle); // releasing twice is harmless
    }

    @Test
    void givenAConfigurationFile_whenRestoreRuns_thenItBecomesTheRunningConfiguration() throws Exception {
        byte[] config = "# restored\nformat=1\n[user]\nuser.1.name=cisco\n".getBytes(StandardCharsets.UTF_8);
        tftp.served.put("restore-31.cfg", config);

        OperationHandle handle = driver.start(device, request(OperationType.RESTORE_CONFIG, "restore-31.cfg"));
        OperationStatus status = awaitEnd(handle);

        assertEquals(OperationState.SUCCESSFUL, status.state(), status.describeFailure());
        assertEquals(sha256(config), driver.facts(device).configDigest());
        driver.release(device, handle);
        assertEquals(OperationState.UNKNOWN, driver.status(device, handle).state());
    }

    @Test
    void givenTheRejectConfigFault_whenRestoreRuns_thenItFailsWithSomeConfigApplyFailed() throws Exception {
        simulator.inject(Fault.parse("reject-config"));
        tftp.served.put("restore-31.cfg", "format=1\n".getBytes(StandardCharsets.UTF_8));

        OperationHandle handle = driver.start(device, request(OperationType.RESTORE_CONFIG, "restore-31.cfg"));
        OperationStatus status = awaitEnd(handle);

        assertEquals(OperationState.FAILED, status.state());
        assertEquals("someConfigApplyFailed", status.failCause());
        driver.release(device, handle);
        assertEquals(OperationState.UNKNOWN, driver.status(device, handle).state());
    }

    @Test
    void givenAMissingFile_whenRestoreRuns_thenItFailsWithBadFileName() throws Exception {
        OperationHandle handle = driver.start(device, request(OperationType.RESTORE_CONFIG, "nope.cfg"));
        OperationStatus status = awaitEnd(handle);

        assertEquals(OperationState.FAILED, status.state());
        assertEquals("badFileName", status.failCause());
        driver.release(device, handle);
    }

    @Test
    void givenAServerOnAnotherPortThanTheDevicesUse_whenACopyStarts_thenItIsRefusedWithWhatToChange() {
        OperationRequest elsewhere = new OperationRequest(OperationType.BACKUP_CONFIG, TransferProtocol.TFTP,
                "127.0.0.1", tftp.port() + 1, "x.cfg", null, null);

        DeviceException e = assertThrows(DeviceException.class, () -> driver.start(device, elsewhere));

        assertTrue(e.getMessage().contains("cisco-31"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot name the file server's port"), e.getMessage());
        assertTrue(e.getMessage().contains("org.uplift.snmp.cisco"), e.getMessage());
    }

    @Test
    void givenAFirmwareDownload_whenStarted_thenTheDriverSaysItNeedsAnotherDriver() {
        DeviceException e = assertThrows(DeviceException.class,
                () -> driver.start(device, request(OperationType.DOWNLOAD_FIRMWARE, "fw.img")));
        assertTrue(e.getMessage().contains("needs another driver"), e.getMessage());
    }

    private OperationRequest request(OperationType type, String fileName) {
        return new OperationRequest(type, TransferProtocol.TFTP, "127.0.0.1", tftp.port(), fileName, null, null);
    }

    private OperationStatus awaitEnd(OperationHandle handle) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            OperationStatus status = driver.status(device, handle);
            if (status.state() == OperationState.SUCCESSFUL || status.state() == OperationState.FAILED
                    || System.nanoTime() > deadline) {
                return status;
            }
            Thread.sleep(50);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static CiscoConfigCopyDriver.Config config(int tftpPort) {
        return new CiscoConfigCopyDriver.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return CiscoConfigCopyDriver.Config.class;
            }

            @Override
            public int timeoutMillis() {
                return 300;
            }

            @Override
            public int retries() {
                return 1;
            }

            @Override
            public int tftpPort() {
                return tftpPort;
            }

            @Override
            public int ftpPort() {
                return 21;
            }
        };
    }
}
