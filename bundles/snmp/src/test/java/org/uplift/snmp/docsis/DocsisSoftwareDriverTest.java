package org.uplift.snmp.docsis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.VariableBinding;
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
import org.uplift.simulator.FirmwareImageFormat;
import org.uplift.simulator.Personality;
import org.uplift.simulator.SimulatedDevice;
import org.uplift.snmp.iad.TestTftpServer;
import org.uplift.snmp.session.SnmpSession;

/** The DOCS-CABLE-DEVICE-MIB software driver against the simulator's docsis personality. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DocsisSoftwareDriverTest {

    private static final long REBOOT_MILLIS = 800;

    private TestTftpServer tftp;
    private SimulatedDevice simulator;
    private DocsisSoftwareDriver driver;
    private Device device;

    @BeforeEach
    void start() throws Exception {
        tftp = new TestTftpServer();
        simulator = new SimulatedDevice(DeviceSettings.defaults(41, 0).withRebootMillis(REBOOT_MILLIS)
                .withPersonalities(EnumSet.of(Personality.DOCSIS)).withTftpPort(tftp.port()));
        driver = new DocsisSoftwareDriver(config(tftp.port()));
        device = new Device("cm-41", "127.0.0.1", simulator.port(), SnmpCredentials.v2c("private"), null);
        tftp.served.put("cm-2.0.0.img", FirmwareImageFormat.build("IAD-1000", "2.0.0", "1", 5_000));
    }

    @AfterEach
    void stop() throws Exception {
        driver.deactivate();
        simulator.close();
        tftp.close();
    }

    @Test
    void itSupportsSoftwareDownloadOnly() {
        assertTrue(driver.supports(OperationType.DOWNLOAD_FIRMWARE));
        assertFalse(driver.supports(OperationType.BACKUP_CONFIG));
        assertFalse(driver.supports(OperationType.RESTORE_CONFIG));
        assertFalse(driver.supports(OperationType.ROLLBACK_FIRMWARE));
    }

    @Test
    void givenACableModem_whenFactsAreRead_thenTheRunningVersionIsDocsDevSwCurrentVers() throws Exception {
        DeviceFacts facts = driver.facts(device);

        assertTrue(facts.sysObjectId().startsWith(DocsDevMib.SIMULATED_PREFIX + "."), facts.sysObjectId());
        assertEquals("1.0.0", facts.runningVersion());
        assertEquals("IAD-1000", facts.model(), "parsed from the DOCSIS sysDescr");
    }

    @Test
    void givenAnImage_whenDownloaded_thenTheModemRebootsIntoIt_andReportsCompleteFromMgt() throws Exception {
        OperationHandle handle = driver.start(device, download("cm-2.0.0.img"));
        assertEquals(0, handle.index());

        OperationStatus status = awaitEnd(handle);
        assertEquals(OperationState.SUCCESSFUL, status.state(), status.describeFailure());

        DeviceFacts after = awaitVersion("2.0.0");
        assertEquals("2.0.0", after.runningVersion());
        assertTrue(after.sysUpTime() < 500, "sysUpTime restarted: " + after.sysUpTime());
        assertEquals(OperationState.SUCCESSFUL, driver.status(device, handle).state(), "the outcome survives the reboot");
        driver.release(device, handle);
    }

    @Test
    void givenTheDownloadFailFault_whenDownloaded_thenStatusIsFailed_andTheVersionStays() throws Exception {
        simulator.inject(Fault.parse("download-fail:noMemory"));

        OperationStatus status = awaitEnd(driver.start(device, download("cm-2.0.0.img")));

        assertEquals(OperationState.FAILED, status.state());
        assertTrue(status.describeFailure().contains("docsDevSwOperStatus is failed(4)"), status.describeFailure());
        assertEquals("1.0.0", driver.facts(device).runningVersion());
    }

    @Test
    void givenAMissingImage_whenDownloaded_thenStatusIsFailed() throws Exception {
        OperationStatus status = awaitEnd(driver.start(device, download("missing.img")));
        assertEquals(OperationState.FAILED, status.state());
    }

    @Test
    void givenDocsDevResetNow_whenSetToTrue_thenTheModemReboots() throws Exception {
        try (SnmpSession session = new SnmpSession(300, 0)) {
            session.set(device, new VariableBinding(DocsDevMib.RESET_NOW, new Integer32(1)));
            assertEquals(2, session.get(device, DocsDevMib.RESET_NOW).get(0).getVariable().toInt(),
                    "reads always give false(2)");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        boolean wentSilent = false;
        while (!wentSilent && System.nanoTime() < deadline) {
            try {
                driver.facts(device);
                Thread.sleep(50);
            } catch (DeviceException e) {
                wentSilent = e.unreachable();
            }
        }
        assertTrue(wentSilent, "the modem went silent for its reboot");
        assertEquals("1.0.0", awaitVersion("1.0.0").runningVersion());
    }

    private OperationRequest download(String fileName) {
        return new OperationRequest(OperationType.DOWNLOAD_FIRMWARE, TransferProtocol.TFTP, "127.0.0.1", tftp.port(),
                fileName, null, null);
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

    private DeviceFacts awaitVersion(String version) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                DeviceFacts facts = driver.facts(device);
                if (facts.runningVersion().equals(version) || System.nanoTime() > deadline) {
                    return facts;
                }
            } catch (DeviceException e) {
                if (!e.unreachable() || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(50);
        }
    }

    static DocsisSoftwareDriver.Config config(int tftpPort) {
        return new DocsisSoftwareDriver.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DocsisSoftwareDriver.Config.class;
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
        };
    }
}
