package org.uplift.snmp.cisco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;
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
import org.uplift.api.repository.FtpCredentials;
import org.uplift.api.repository.TransferProgress;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.repository.TransferTicket;
import org.uplift.repository.testing.Configs;
import org.uplift.repository.tftp.TftpFileServer;
import org.uplift.simulator.DeviceSettings;
import org.uplift.simulator.Fault;
import org.uplift.simulator.Personality;
import org.uplift.simulator.SimulatedDevice;
import org.uplift.simulator.V3User;
import org.uplift.snmp.session.SnmpSession;
import org.uplift.snmp.testing.OperationPoll;

/**
 * The CISCO-CONFIG-COPY-MIB driver against the simulator's cisco-config-copy personality, copying
 * through Uplift's own ticketed TFTP and FTP file servers on loopback (IPv4 and IPv6).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CiscoConfigCopyDriverTest {

    private static final String MODEL = "CISCO2901/K9";
    private static final String VERSION = "15.1(4)M4";
    private static final Duration TTL = Duration.ofMinutes(2);

    @TempDir
    Path temp;

    private TftpFileServer files;
    private SimulatedDevice simulator;
    private CiscoConfigCopyDriver driver;
    private Device device;
    /** Indexes the driver tries first; random ones after. */
    private final Deque<Integer> indexes = new ArrayDeque<>();

    @BeforeEach
    void start() throws Exception {
        start("127.0.0.1");
    }

    private void start(String host) throws Exception {
        files = new TftpFileServer(Configs.of(TftpFileServer.Config.class, Map.of("bindAddress", host, "port", 0,
                "ftpPort", 0, "stagingDirectory", temp.resolve("staging-" + host.replace(':', '_')).toString())));
        int tftpPort = files.endpoint(TransferProtocol.TFTP).port();
        int ftpPort = files.endpoint(TransferProtocol.FTP).port();
        simulator = new SimulatedDevice(new DeviceSettings(31, host, 0, MODEL, VERSION, "1", 3000, Set.of(),
                EnumSet.of(Personality.CISCO_CONFIG_COPY), V3User.DEFAULT, null, tftpPort, 0).withFtpPort(ftpPort));
        driver = new CiscoConfigCopyDriver(config(Map.of("tftpPort", tftpPort, "ftpPort", ftpPort)),
                () -> indexes.isEmpty() ? ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE) : indexes.poll());
        device = new Device("cisco-31", host, simulator.port(), SnmpCredentials.v2c("private"), null);
    }

    @AfterEach
    void stop() throws Exception {
        driver.deactivate();
        simulator.close();
        stopFileServer();
    }

    /** TftpFileServer's deactivate is for DS (package-private): called as DS would. */
    private void stopFileServer() throws Exception {
        Method deactivate = TftpFileServer.class.getDeclaredMethod("deactivate");
        deactivate.setAccessible(true);
        deactivate.invoke(files);
    }

    @Test
    void itDeclaresBackupAndRestore_andOnlyTheVersionModelAndRebootCounterAsEvidence() {
        DriverCapabilities capabilities = driver.capabilities();

        assertEquals(Set.of(OperationType.BACKUP_CONFIG, OperationType.RESTORE_CONFIG), capabilities.operations());
        assertEquals(Set.of(Evidence.RUNNING_VERSION, Evidence.MODEL, Evidence.REBOOT_COUNTER),
                capabilities.evidence());
        assertFalse(driver.supports(OperationType.DOWNLOAD_FIRMWARE));
    }

    @Test
    void givenASimulatedIosDevice_whenFactsAreRead_thenTheyComeFromTheStandardAndCiscoMibs() throws Exception {
        DeviceFacts facts = driver.facts(device);

        assertEquals("1.3.6.1.4.1.9.1.1", facts.sysObjectId());
        assertEquals(VERSION, facts.runningVersion());
        assertEquals(MODEL, facts.model());
        assertEquals("", facts.keptVersion(), "no MIB object tells a kept version");
        assertEquals("", facts.formatVersion());
        assertEquals("", facts.configDigest(), "no MIB object gives a configuration digest");
        assertEquals(1, facts.engineBoots(), "SNMP-FRAMEWORK-MIB's snmpEngineBoots");
    }

    @Test
    void givenATftpServer_whenBackupRuns_thenUpliftsServerReceivesTheRunningConfig_andTheRowIsDestroyed()
            throws Exception {
        TransferTicket ticket = files.receive(address(), 1 << 20, TTL);

        OperationHandle handle = driver.start(device, request(OperationType.BACKUP_CONFIG, TransferProtocol.TFTP,
                ticket.fileName(), null));
        OperationStatus status = awaitEnd(handle);

        assertEquals(OperationState.SUCCESSFUL, status.state(), status.describeFailure());
        assertArrayEquals(simulator.runningConfig(), received(ticket));
        driver.release(device, handle);
        assertEquals(OperationState.UNKNOWN, driver.status(device, handle).state(), "the row is gone");
        assertEquals(List.of(), copyRows(), "no ccCopyTable row is left");
        driver.release(device, handle); // releasing twice is harmless
    }

    @Test
    void givenATftpServer_whenRestoreRuns_thenTheServedFileIsMergedIntoTheRunningConfig() throws Exception {
        byte[] config = "# restored\nformat=1\n[user]\nuser.1.name=cisco\n".getBytes(StandardCharsets.UTF_8);
        TransferTicket ticket = files.offer(Files.write(temp.resolve("restore.cfg"), config), address(), TTL);

        OperationHandle handle = driver.start(device, request(OperationType.RESTORE_CONFIG, TransferProtocol.TFTP,
                ticket.fileName(), null));
        OperationStatus status = awaitEnd(handle);

        assertEquals(OperationState.SUCCESSFUL, status.state(), status.describeFailure());
        String running = assertMerged(config);
        assertFalse(running.contains("user.1.name=subscriber-0031"), "the file's key overrides: " + running);
        assertTrue(running.contains("[user]\nuser.1.name=cisco\nuser.1.phone=+1-555-0131\n"),
                "a key the file does not mention stays in its section: " + running);
        driver.release(device, handle);
        assertEquals(List.of(), copyRows());
    }

    @Test
    void givenAnFtpServer_whenBackupRuns_thenTheDeviceLogsInWithTheTicketsCredentials() throws Exception {
        TransferTicket ticket = files.receive(address(), 1 << 20, TTL);

        OperationHandle handle = driver.start(device, request(OperationType.BACKUP_CONFIG, TransferProtocol.FTP,
                ticket.fileName(), files.ftpCredentials(ticket.id()).orElseThrow()));
        OperationStatus status = awaitEnd(handle);

        assertEquals(OperationState.SUCCESSFUL, status.state(), status.describeFailure());
        assertArrayEquals(simulator.runningConfig(), received(ticket));
        driver.release(device, handle);
        assertEquals(List.of(), copyRows());
    }

    @Test
    void givenAnFtpServer_whenRestoreRuns_thenTheServedFileIsApplied() throws Exception {
        byte[] config = "# restored over ftp\nformat=1\n".getBytes(StandardCharsets.UTF_8);
        TransferTicket ticket = files.offer(Files.write(temp.resolve("restore.cfg"), config), address(), TTL);

        OperationHandle handle = driver.start(device, request(OperationType.RESTORE_CONFIG, TransferProtocol.FTP,
                ticket.fileName(), files.ftpCredentials(ticket.id()).orElseThrow()));
        OperationStatus status = awaitEnd(handle);

        assertEquals(OperationState.SUCCESSFUL, status.state(), status.describeFailure());
        assertMerged(config);
        driver.release(device, handle);
    }

    @Test
    void givenAWrongFtpPassword_whenBackupRuns_thenItFails() throws Exception {
        TransferTicket ticket = files.receive(address(), 1 << 20, TTL);
        FtpCredentials real = files.ftpCredentials(ticket.id()).orElseThrow();

        OperationHandle handle = driver.start(device, request(OperationType.BACKUP_CONFIG, TransferProtocol.FTP,
                ticket.fileName(), new FtpCredentials(real.user(), real.password() + "x")));
        OperationStatus status = awaitEnd(handle);

        assertEquals(OperationState.FAILED, status.state());
        assertFalse(files.progress(ticket.id()).map(TransferProgress::completed).orElse(false));
        driver.release(device, handle);
    }

    @Test
    void givenIpv6Loopback_whenBackupRunsOverTftpAndRestoreOverFtp_thenBothUseTheRev1Address() throws Exception {
        stop();
        start("::1");
        TransferTicket backup = files.receive(address(), 1 << 20, TTL);

        OperationHandle handle = driver.start(device, request(OperationType.BACKUP_CONFIG, TransferProtocol.TFTP,
                backup.fileName(), null));
        OperationStatus status = awaitEnd(handle);
        assertEquals(OperationState.SUCCESSFUL, status.state(), status.describeFailure());
        assertArrayEquals(simulator.runningConfig(), received(backup));
        driver.release(device, handle);

        byte[] config = "# restored over ipv6\nformat=1\n".getBytes(StandardCharsets.UTF_8);
        TransferTicket restore = files.offer(Files.write(temp.resolve("v6.cfg"), config), address(), TTL);
        handle = driver.start(device, request(OperationType.RESTORE_CONFIG, TransferProtocol.FTP, restore.fileName(),
                files.ftpCredentials(restore.id()).orElseThrow()));
        status = awaitEnd(handle);
        assertEquals(OperationState.SUCCESSFUL, status.state(), status.describeFailure());
        assertMerged(config);
        driver.release(device, handle);
        assertEquals(List.of(), copyRows());
    }

    @Test
    void givenAnIndexInUse_whenACopyStarts_thenAnotherIndexIsTaken_andTheOtherRowIsLeftAlone() throws Exception {
        TransferTicket first = files.receive(address(), 1 << 20, TTL);
        TransferTicket second = files.receive(address(), 1 << 20, TTL);
        indexes.addAll(List.of(4242, 4242, 4243));

        OperationHandle one = driver.start(device, request(OperationType.BACKUP_CONFIG, TransferProtocol.TFTP,
                first.fileName(), null));
        OperationHandle two = driver.start(device, request(OperationType.BACKUP_CONFIG, TransferProtocol.TFTP,
                second.fileName(), null));

        assertEquals(4242, one.index());
        assertEquals(4243, two.index(), "4242 answered inconsistentValue: the driver moved on");
        assertEquals(OperationState.SUCCESSFUL, awaitEnd(one).state());
        assertEquals(OperationState.SUCCESSFUL, awaitEnd(two).state());
        assertArrayEquals(simulator.runningConfig(), received(first));
        assertArrayEquals(simulator.runningConfig(), received(second));
        driver.release(device, one);
        driver.release(device, two);
        assertEquals(List.of(), copyRows());
    }

    @Test
    void givenAManagerThatCreatesAndWaits_whenItSetsTheColumnsThenActive_thenTheCopyRunsOnlyFromActive()
            throws Exception {
        TransferTicket ticket = files.receive(address(), 1 << 20, TTL);
        int row = 5150;
        try (SnmpSession session = new SnmpSession(500, 1)) {
            session.set(device, binding(CiscoConfigCopyMib.ENTRY_ROW_STATUS, row, new Integer32(5))); // createAndWait
            session.set(device, binding(CiscoConfigCopyMib.SOURCE_FILE_TYPE, row, new Integer32(4)),
                    binding(CiscoConfigCopyMib.DEST_FILE_TYPE, row, new Integer32(1)),
                    binding(CiscoConfigCopyMib.SERVER_ADDRESS_TYPE, row, new Integer32(1)),
                    binding(CiscoConfigCopyMib.SERVER_ADDRESS, row, new OctetString(address().getAddress())),
                    binding(CiscoConfigCopyMib.FILE_NAME, row, new OctetString(ticket.fileName())));
            assertEquals(OperationState.UNKNOWN, driver.status(device, new OperationHandle(row)).state(),
                    "no ccCopyState before the row is active");
            assertThrows(DeviceException.class, () -> session.set(device,
                    binding(CiscoConfigCopyMib.ENTRY_ROW_STATUS, row, new Integer32(5))), "the index is in use");

            session.set(device, binding(CiscoConfigCopyMib.ENTRY_ROW_STATUS, row, new Integer32(1))); // active
        }
        OperationStatus status = awaitEnd(new OperationHandle(row));

        assertEquals(OperationState.SUCCESSFUL, status.state(), status.describeFailure());
        assertArrayEquals(simulator.runningConfig(), received(ticket));
        driver.release(device, new OperationHandle(row));
    }

    private static VariableBinding binding(int column, int row, Variable value) {
        return new VariableBinding(CiscoConfigCopyMib.column(column, row), value);
    }

    @Test
    void givenTheRejectConfigFault_whenRestoreRuns_thenItFailsWithSomeConfigApplyFailed() throws Exception {
        simulator.inject(Fault.parse("reject-config"));
        TransferTicket ticket = files.offer(Files.write(temp.resolve("r.cfg"), "format=1\n".getBytes()), address(),
                TTL);

        OperationHandle handle = driver.start(device, request(OperationType.RESTORE_CONFIG, TransferProtocol.TFTP,
                ticket.fileName(), null));
        OperationStatus status = awaitEnd(handle);

        assertEquals(OperationState.FAILED, status.state());
        assertEquals("someConfigApplyFailed", status.failCause());
        driver.release(device, handle);
    }

    @Test
    void givenAFileWithoutATicket_whenRestoreRuns_thenItFailsWithBadFileName() throws Exception {
        OperationHandle handle = driver.start(device, request(OperationType.RESTORE_CONFIG, TransferProtocol.TFTP,
                "nope.cfg", null));
        OperationStatus status = awaitEnd(handle);

        assertEquals(OperationState.FAILED, status.state());
        assertEquals("badFileName", status.failCause());
        driver.release(device, handle);
    }

    @Test
    void givenAServerOnAnotherPortThanTheDevicesUse_whenACopyStarts_thenItIsRefusedWithWhatToChange()
            throws Exception {
        OperationRequest elsewhere = new OperationRequest(OperationType.BACKUP_CONFIG, TransferProtocol.TFTP,
                "127.0.0.1", files.endpoint(TransferProtocol.TFTP).port() + 1, "x.cfg", null, null);

        DeviceException e = assertThrows(DeviceException.class, () -> driver.start(device, elsewhere));

        assertTrue(e.getMessage().contains("cisco-31"), e.getMessage());
        assertTrue(e.getMessage().contains("cannot name the file server's port"), e.getMessage());
        assertTrue(e.getMessage().contains("org.uplift.snmp.cisco"), e.getMessage());
    }

    @Test
    void givenAFirmwareDownload_whenStarted_thenTheDriverSaysItNeedsAnotherDriver() {
        DeviceException e = assertThrows(DeviceException.class, () -> driver.start(device,
                request(OperationType.DOWNLOAD_FIRMWARE, TransferProtocol.TFTP, "fw.img", null)));
        assertTrue(e.getMessage().contains("needs another driver"), e.getMessage());
    }

    private InetAddress address() throws IOException {
        return InetAddress.getByName(device.host());
    }

    private OperationRequest request(OperationType type, TransferProtocol protocol, String fileName,
            FtpCredentials credentials) throws Exception {
        return new OperationRequest(type, protocol, device.host(), files.endpoint(protocol).port(), fileName,
                credentials == null ? null : credentials.user(), credentials == null ? null : credentials.password());
    }

    /** The uploaded file; the server books the end just after its last ACK, which may be after the device's report. */
    private byte[] received(TransferTicket ticket) throws Exception {
        TransferProgress progress = files.progress(ticket.id()).orElseThrow();
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2); !progress.completed()
                && System.nanoTime() < deadline; Thread.sleep(20)) {
            progress = files.progress(ticket.id()).orElseThrow();
        }
        assertTrue(progress.completed(), "the server received the whole file: " + progress);
        assertNotNull(progress.receivedFile());
        return Files.readAllBytes(progress.receivedFile());
    }

    /** The ccCopyTable's instances, read as any manager would. */
    private List<String> copyRows() throws Exception {
        try (SnmpSession session = new SnmpSession(500, 1)) {
            return session.walk(device, CiscoConfigCopyMib.CC_COPY_ENTRY, 100).stream()
                    .map(binding -> binding.getOid().toDottedString()).toList();
        }
    }

    @Test
    void givenADeviceSlowToCreateItsRow_whenACopyStarts_thenTheStateReadsNoSuchInstanceUntilTheCopyRuns()
            throws Exception {
        simulator.inject(Fault.parse("slow-row:800"));
        TransferTicket ticket = files.receive(address(), 1 << 20, TTL);

        OperationHandle handle = driver.start(device, request(OperationType.BACKUP_CONFIG, TransferProtocol.TFTP,
                ticket.fileName(), null));
        assertEquals(OperationState.UNKNOWN, driver.status(device, handle).state(), "ccCopyState is not there yet");
        OperationStatus status = awaitEnd(handle);

        assertEquals(OperationState.SUCCESSFUL, status.state(), status.describeFailure());
        assertArrayEquals(simulator.runningConfig(), received(ticket));
        driver.release(device, handle);
    }

    private OperationStatus awaitEnd(OperationHandle handle) throws Exception {
        return OperationPoll.awaitEnd(driver, device, handle, Duration.ofSeconds(20));
    }

    /** The driver's configuration as DS builds it: these values, the defaults otherwise. */
    static CiscoConfigCopyDriver.Config config(Map<String, ?> values) {
        Map<String, Object> all = new HashMap<>(Map.of("timeoutMillis", 300, "retries", 1));
        all.putAll(values);
        return Configs.of(CiscoConfigCopyDriver.Config.class, all);
    }

    /**
     * IOS merges a file copied into running-config (DEVICES.md): every line of the file is in the running
     * configuration afterwards, and the device's lines the file did not mention stayed. Returns it.
     */
    private String assertMerged(byte[] served) {
        String running = new String(simulator.runningConfig(), StandardCharsets.UTF_8);
        for (String line : new String(served, StandardCharsets.UTF_8).split("\n")) {
            assertTrue(running.contains(line + "\n"), "'" + line + "' is not in the running config: " + running);
        }
        assertTrue(running.contains("[default]\ndefault.country=us\n"), "the device's other lines stay: " + running);
        return running;
    }
}
