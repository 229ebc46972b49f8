package org.uplift.snmp.iad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.DriverCapabilities;
import org.uplift.api.driver.Evidence;
import org.uplift.api.driver.OperationHandle;
import org.uplift.api.driver.OperationRequest;
import org.uplift.api.driver.OperationState;
import org.uplift.api.driver.OperationStatus;
import org.uplift.api.driver.OperationType;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.repository.testing.ExternalTools;
import org.uplift.simulator.DeviceSettings;
import org.uplift.simulator.Fault;
import org.uplift.simulator.FirmwareImageFormat;
import org.uplift.simulator.SimulatedDevice;
import org.uplift.snmp.session.SnmpRequestException;
import org.uplift.snmp.session.SnmpSession;
import org.uplift.snmp.testing.OperationPoll;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UpliftIadDriverTest {

    private static final long REBOOT_MILLIS = 1500;

    private SimulatedDevice simulator;
    private SimulatedDevice faulty;
    private TestTftpServer tftp;
    private UpliftIadDriver driver;

    @BeforeEach
    void start() throws IOException {
        simulator = new SimulatedDevice(DeviceSettings.defaults(7, 0).withRebootMillis(REBOOT_MILLIS));
        faulty = new SimulatedDevice(DeviceSettings.defaults(8, 0).withFaults(Set.of(Fault.DOWNLOAD_FAIL)));
        tftp = new TestTftpServer();
        driver = new UpliftIadDriver(config(300, 1));
    }

    @AfterEach
    void stop() throws Exception {
        driver.deactivate();
        tftp.close();
        faulty.close();
        simulator.close();
    }

    @Test
    void givenASimulatedDevice_whenFactsAreRead_thenModelVersionsFormatAndDigestAreReported() throws Exception {
        DeviceFacts facts = driver.facts(device(simulator));

        assertEquals("1.3.6.1.4.1.32473.7.3.1", facts.sysObjectId());
        assertEquals("IAD-1000", facts.model());
        assertEquals("1.0.0", facts.runningVersion());
        assertEquals("", facts.keptVersion());
        assertEquals("1", facts.formatVersion());
        assertEquals(sha256(simulator.runningConfig()), facts.configDigest());
        assertTrue(facts.sysUpTime() >= 0);
        assertEquals(1, facts.engineBoots(), "snmpEngineBoots of a device that started once");
    }

    @Test
    void givenATftpServer_whenBackupConfigRuns_thenTheUploadedFileMatchesTheConfigDigest() throws Exception {
        Device device = device(simulator);

        OperationHandle handle = driver.start(device, request(OperationType.BACKUP_CONFIG, "backup-7.cfg"));
        OperationStatus status = awaitEnd(device, handle);

        assertEquals(OperationState.SUCCESSFUL, status.state(), status.describeFailure());
        byte[] uploaded = tftp.received.get("backup-7.cfg");
        assertNotNull(uploaded, "the server received no backup");
        assertEquals(driver.facts(device).configDigest(), sha256(uploaded));
        assertEquals(uploaded.length, status.bytes());
        driver.release(device, handle);
        assertEquals(OperationState.UNKNOWN, driver.status(device, handle).state());
    }

    @Test
    void givenAnImage_whenDownloadFirmwareSucceeds_thenTheDeviceRebootsIntoTheNewVersion() throws Exception {
        Device device = device(simulator);
        tftp.served.put("iad-2.0.0.img", FirmwareImageFormat.build("IAD-1000", "2.0.0", "1", 10_000));

        OperationHandle handle = driver.start(device, request(OperationType.DOWNLOAD_FIRMWARE, "iad-2.0.0.img"));
        OperationStatus status = awaitEnd(device, handle);
        assertEquals(OperationState.SUCCESSFUL, status.state(), status.describeFailure());

        DeviceException during = awaitUnreachable(device);
        assertTrue(during.unreachable());
        assertTrue(during.getMessage().contains("did not answer SNMP within 300 ms (1 retry)"), during.getMessage());

        DeviceFacts after = awaitFacts(device);
        assertEquals("2.0.0", after.runningVersion());
        assertEquals("1.0.0", after.keptVersion());
        assertTrue(after.sysUpTime() < 500, "sysUpTime restarted: " + after.sysUpTime());
        assertEquals(2, after.engineBoots(), "snmpEngineBoots rose with the reboot");
        assertEquals(OperationState.UNKNOWN, driver.status(device, handle).state(), "rows do not survive a reboot");
    }

    @Test
    void givenAnImageForAnotherModel_whenDownloadFirmwareRuns_thenItFailsWithWrongModel() throws Exception {
        Device device = device(simulator);
        tftp.served.put("other.img", FirmwareImageFormat.build("IAD-9000", "2.0.0", "1", 1000));

        OperationStatus status = awaitEnd(device,
                driver.start(device, request(OperationType.DOWNLOAD_FIRMWARE, "other.img")));

        assertEquals(OperationState.FAILED, status.state());
        assertEquals("wrongModel", status.failCause());
        assertEquals("1.0.0", driver.facts(device).runningVersion());
    }

    @Test
    void givenAMissingFile_whenRestoreConfigRuns_thenItFailsWithBadFileName() throws Exception {
        Device device = device(simulator);

        OperationStatus status = awaitEnd(device,
                driver.start(device, request(OperationType.RESTORE_CONFIG, "nope.cfg")));

        assertEquals(OperationState.FAILED, status.state());
        assertEquals("badFileName", status.failCause());
        assertTrue(status.failMessage().contains("File not found"), status.failMessage());
    }

    @Test
    void givenAConfigurationInTheRunningFormat_whenRestoreConfigRuns_thenItBecomesTheRunningConfiguration()
            throws Exception {
        Device device = device(simulator);
        byte[] config = "# restored\nformat=1\n[user]\nuser.1.name=restored\n".getBytes(StandardCharsets.UTF_8);
        tftp.served.put("restore.cfg", config);

        OperationStatus status = awaitEnd(device,
                driver.start(device, request(OperationType.RESTORE_CONFIG, "restore.cfg")));

        assertEquals(OperationState.SUCCESSFUL, status.state(), status.describeFailure());
        assertEquals(sha256(config), driver.facts(device).configDigest());
    }

    @Test
    void givenTheDownloadFailFault_whenDownloadFirmwareRuns_thenStatusIsFailedWithTransferFailed() throws Exception {
        Device device = device(faulty);
        tftp.served.put("iad-2.0.0.img", FirmwareImageFormat.build("IAD-1000", "2.0.0", "1", 1000));

        OperationStatus status = awaitEnd(device,
                driver.start(device, request(OperationType.DOWNLOAD_FIRMWARE, "iad-2.0.0.img")));

        assertEquals(OperationState.FAILED, status.state());
        assertEquals("transferFailed", status.failCause());
        assertEquals("firmware download aborted (injected fault)", status.failMessage());
    }

    @Test
    void givenNoKeptVersion_whenRollbackRuns_thenItFailsWithLoadFailed() throws Exception {
        Device device = device(simulator);
        OperationRequest rollback = new OperationRequest(OperationType.ROLLBACK_FIRMWARE, TransferProtocol.TFTP,
                null, 0, null, null, null);

        OperationStatus status = awaitEnd(device, driver.start(device, rollback));

        assertEquals(OperationState.FAILED, status.state());
        assertEquals("loadFailed", status.failCause());
    }

    @Test
    void givenAnHttpRequest_whenTheOperationStarts_thenTheRowSaysHttp3AndTheDeviceAcceptsIt() throws Exception {
        Device device = device(simulator);
        OperationHandle handle = driver.start(device, new OperationRequest(OperationType.BACKUP_CONFIG,
                TransferProtocol.HTTP, "127.0.0.1", 8069, "up-x.cfg", null, null));
        try (SnmpSession session = new SnmpSession(300, 1)) {
            assertEquals(3, session.get(device, UpliftIadMib.opColumn(UpliftIadMib.OP_PROTOCOL, handle.index()))
                    .get(0).getVariable().toInt(), "upliftIadOpProtocol http(3)");
        }
        driver.release(device, handle);
    }

    @Test
    void givenTheProtocols_whenMapped_thenTheyAreUpliftIadOpProtocolsValues() {
        assertEquals(1, UpliftIadDriver.protocol(TransferProtocol.TFTP));
        assertEquals(2, UpliftIadDriver.protocol(TransferProtocol.FTP));
        assertEquals(3, UpliftIadDriver.protocol(TransferProtocol.HTTP));
        assertEquals(1, UpliftIadDriver.protocol(null), "the column's DEFVAL");
    }

    @Test
    void givenTheDriver_whenItsCapabilitiesAreAsked_thenAllOperationsAndTheIadMibsEvidence_andTheRebootCounter() {
        DriverCapabilities capabilities = driver.capabilities();
        assertEquals(EnumSet.allOf(OperationType.class), EnumSet.copyOf(capabilities.operations()));
        assertEquals(EnumSet.of(Evidence.RUNNING_VERSION, Evidence.KEPT_VERSION, Evidence.CONFIG_DIGEST, Evidence.MODEL,
                Evidence.CONFIG_FORMAT, Evidence.REBOOT_COUNTER), EnumSet.copyOf(capabilities.evidence()));
    }

    @Test
    void givenAWrongCommunity_whenFactsAreRead_thenTheErrorNamesTheDeviceButNotTheCommunity() {
        Device device = new Device("sim-wrong", "127.0.0.1", simulator.port(), SnmpCredentials.v2c("s3cr3t-community"),
                null);

        DeviceException e = assertThrows(DeviceException.class, () -> driver.facts(device));

        assertTrue(e.unreachable());
        assertTrue(e.getMessage().contains("sim-wrong"), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:" + simulator.port()), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t-community"), e.getMessage());
    }

    @Test
    void givenAReadOnlyObject_whenItIsSet_thenTheErrorNamesStatusAndOid() throws Exception {
        Device device = device(simulator);
        try (SnmpSession session = new SnmpSession(300, 0)) {
            SnmpRequestException e = assertThrows(SnmpRequestException.class, () -> session.set(device,
                    new VariableBinding(UpliftIadMib.RUNNING_VERSION, new OctetString("9.9.9"))));

            assertTrue(e.getMessage().contains("notWritable"), e.getMessage());
            assertTrue(e.getMessage().contains("1.3.6.1.4.1.32473.7.1.1.2.0"), e.getMessage());
            assertTrue(e.getMessage().contains("sim-7"), e.getMessage());
            assertFalse(e.getMessage().contains("private"), e.getMessage());
        }
    }

    @Test
    void givenNetSnmp_whenRunningVersionIsRead_thenSnmpgetSeesIt() throws Exception {
        String snmpget = ExternalTools.require("snmpget", "snmp");
        String text = ExternalTools.run(snmpget, "-v2c", "-c", "public", "-t", "1", "-r", "1", "-Ov",
                "127.0.0.1:" + simulator.port(), "1.3.6.1.4.1.32473.7.1.1.2.0");

        assertTrue(text.contains("\"1.0.0\""), text);
    }

    private OperationRequest request(OperationType type, String fileName) {
        return new OperationRequest(type, TransferProtocol.TFTP, "127.0.0.1", tftp.port(), fileName, null, null);
    }

    private OperationStatus awaitEnd(Device device, OperationHandle handle) throws Exception {
        return OperationPoll.awaitEnd(driver, device, handle, Duration.ofSeconds(15));
    }

    private DeviceException awaitUnreachable(Device device) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            try {
                driver.facts(device);
                Thread.sleep(50);
            } catch (DeviceException e) {
                return e;
            }
        }
        throw new AssertionError("the device never went silent for its reboot");
    }

    private DeviceFacts awaitFacts(Device device) throws Exception {
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

    private static Device device(SimulatedDevice simulated) {
        return new Device("sim-" + simulated.index(), "127.0.0.1", simulated.port(), SnmpCredentials.v2c("private"),
                null);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    static UpliftIadDriver.Config config(int timeoutMillis, int retries) {
        return new UpliftIadDriver.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return UpliftIadDriver.Config.class;
            }

            @Override
            public int timeoutMillis() {
                return timeoutMillis;
            }

            @Override
            public int retries() {
                return retries;
            }
        };
    }
}
