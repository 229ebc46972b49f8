package org.uplift.snmp.docsis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.Evidence;
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

import com.sun.net.httpserver.HttpServer;

/**
 * The DOCS-CABLE-DEVICE-MIB software driver against the simulator's docsis personality (TFTP from
 * a test TFTP server, HTTP from the JDK's HTTP server), and against a scripted modem that lags.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DocsisSoftwareDriverTest {

    private static final long REBOOT_MILLIS = 1000;
    private static final String DEVICE_HOST = "127.0.0.3";
    private static final OID SW_SERVER = new OID("1.3.6.1.2.1.69.1.3.1.0");
    private static final OID RESET_NOW = new OID("1.3.6.1.2.1.69.1.1.3.0");
    private static final byte[] IMAGE = FirmwareImageFormat.build("IAD-1000", "2.0.0", "1", 5_000);

    private TestTftpServer tftp;
    private HttpServer http;
    private ExecutorService httpThreads;
    private final Map<String, byte[]> httpFiles = new ConcurrentHashMap<>();
    private final List<String> httpRequests = new ArrayList<>();
    private final CountDownLatch httpRelease = new CountDownLatch(1);
    private volatile boolean httpHolds;
    private SimulatedDevice simulator;
    private DocsisSoftwareDriver driver;
    private Device device;

    @BeforeEach
    void start() throws Exception {
        tftp = new TestTftpServer();
        tftp.served.put("cm-2.0.0.img", IMAGE);
        http = httpServer(InetAddress.getLoopbackAddress());
        driver = new DocsisSoftwareDriver(config(tftp.port(), http.getAddress().getPort()));
        simulator = modem(DEVICE_HOST, http.getAddress().getPort());
        device = new Device("cm-41", DEVICE_HOST, simulator.port(), SnmpCredentials.v2c("private"), null);
    }

    @AfterEach
    void stop() throws Exception {
        httpRelease.countDown();
        driver.deactivate();
        simulator.close();
        tftp.close();
        http.stop(0);
        httpThreads.shutdownNow();
    }

    @Test
    void itDeclaresSoftwareDownloadOnly_withTheRunningVersionAndModelAsEvidence() {
        assertEquals(Set.of(OperationType.DOWNLOAD_FIRMWARE), driver.capabilities().operations());
        assertEquals(Set.of(Evidence.RUNNING_VERSION, Evidence.MODEL, Evidence.REBOOT_COUNTER),
                driver.capabilities().evidence());
        for (OperationType type : OperationType.values()) {
            assertEquals(driver.capabilities().can(type), driver.supports(type), type.name());
        }
    }

    @Test
    void givenACableModem_whenFactsAreRead_thenTheRunningVersionIsDocsDevSwCurrentVers() throws Exception {
        DeviceFacts facts = driver.facts(device);

        assertTrue(facts.sysObjectId().startsWith(DocsDevMib.SIMULATED_PREFIX + "."), facts.sysObjectId());
        assertEquals("1.0.0", facts.runningVersion());
        assertEquals("IAD-1000", facts.model(), "parsed from the DOCSIS sysDescr");
        assertEquals("", facts.keptVersion(), "the MIB keeps no version");
        assertEquals(1, facts.engineBoots(), "snmpEngineBoots, read in the same GET");
    }

    @Test
    void givenAnImageOnTftp_whenDownloaded_thenTheModemRebootsByItself_andComesBackCompleteFromMgt() throws Exception {
        OperationHandle handle = driver.start(device, download(TransferProtocol.TFTP, "127.0.0.1", tftp.port(),
                "cm-2.0.0.img"));

        Outcome outcome = awaitEnd(handle);

        assertEquals(OperationState.SUCCESSFUL, outcome.status.state(), outcome.status.describeFailure());
        assertTrue(outcome.states.contains(OperationState.RUNNING), "inProgress was seen: " + outcome.states);
        assertTrue(outcome.wentSilent, "the modem rebooted by itself");
        DeviceFacts after = driver.facts(device);
        assertEquals("2.0.0", after.runningVersion(), "completeFromMgt is reported with the new image running");
        assertTrue(after.sysUpTime() < 500, "sysUpTime restarted: " + after.sysUpTime());
        assertEquals(2, after.engineBoots(), "snmpEngineBoots rose with the modem's own reboot");
        assertEquals(DocsDevMib.OPER_COMPLETE_FROM_MGT, read(DocsDevMib.SW_OPER_STATUS).toInt());
        assertEquals(3, read(DocsDevMib.SW_ADMIN_STATUS).toInt(), "ignoreProvisioningUpgrade(3) after the upgrade");
        assertEquals(DocsDevMib.TRANSPORT_TFTP, read(DocsDevMib.SW_SERVER_TRANSPORT_PROTOCOL).toInt());
        assertEquals(OperationState.SUCCESSFUL, driver.status(device, handle).state(),
                "the outcome survives the reboot");
        driver.release(device, handle);
        assertEquals(OperationState.UNKNOWN, driver.status(device, handle).state(), "released: nothing is kept");
    }

    @Test
    void givenAnImageOnHttp_whenDownloaded_thenTheModemGetsItFromItsOwnAddress_andRebootsIntoIt() throws Exception {
        httpFiles.put("/cm-2.0.0.img", IMAGE);

        Outcome outcome = awaitEnd(driver.start(device, download(TransferProtocol.HTTP, "127.0.0.1",
                http.getAddress().getPort(), "cm-2.0.0.img")));

        assertEquals(OperationState.SUCCESSFUL, outcome.status.state(), outcome.status.describeFailure());
        assertTrue(outcome.wentSilent, "the modem rebooted by itself");
        assertEquals("2.0.0", driver.facts(device).runningVersion());
        synchronized (httpRequests) {
            assertEquals(List.of("GET /cm-2.0.0.img from " + DEVICE_HOST), httpRequests);
        }
        assertEquals(DocsDevMib.TRANSPORT_HTTP, read(DocsDevMib.SW_SERVER_TRANSPORT_PROTOCOL).toInt());
        assertEquals("/cm-2.0.0.img", read(DocsDevMib.SW_FILENAME).toString(), "an abs_path for HTTP (RFC 4639)");
        assertEquals(new IpAddress("127.0.0.1"), read(SW_SERVER), "docsDevSwServer follows an IPv4 server");
    }

    @Test
    void givenAnIpv6Server_whenDownloaded_thenTheAddressTypeIsIpv6_andDocsDevSwServerReadsZero() throws Exception {
        HttpServer http6 = httpServer(InetAddress.getByName("::1"));
        try (SimulatedDevice modem6 = modem("::1", http6.getAddress().getPort())) {
            httpFiles.put("/cm-2.0.0.img", IMAGE);
            DocsisSoftwareDriver driver6 = new DocsisSoftwareDriver(config(tftp.port(), http6.getAddress().getPort()));
            Device device6 = new Device("cm-v6", "::1", modem6.port(), SnmpCredentials.v2c("private"), null);
            try {
                Outcome outcome = awaitEnd(driver6, device6, driver6.start(device6, download(TransferProtocol.HTTP,
                        "::1", http6.getAddress().getPort(), "cm-2.0.0.img")));

                assertEquals(OperationState.SUCCESSFUL, outcome.status.state(), outcome.status.describeFailure());
                assertEquals("2.0.0", driver6.facts(device6).runningVersion());
                try (SnmpSession session = new SnmpSession(300, 1)) {
                    List<VariableBinding> server = session.get(device6, DocsDevMib.SW_SERVER_ADDRESS_TYPE,
                            DocsDevMib.SW_SERVER_ADDRESS, SW_SERVER);
                    assertEquals(DocsDevMib.ADDRESS_IPV6, server.get(0).getVariable().toInt());
                    assertEquals(new OctetString(InetAddress.getByName("::1").getAddress()),
                            server.get(1).getVariable());
                    assertEquals(new IpAddress("0.0.0.0"), server.get(2).getVariable(),
                            "IPv4-only object, IPv6 server");
                }
                synchronized (httpRequests) {
                    assertEquals(List.of("GET /cm-2.0.0.img from 0:0:0:0:0:0:0:1"), httpRequests);
                }
            } finally {
                driver6.deactivate();
            }
        } finally {
            http6.stop(0);
        }
    }

    @Test
    void givenTheDownloadFailFault_whenDownloaded_thenFailed4_andTheOldImageKeepsRunning() throws Exception {
        simulator.inject(Fault.parse("download-fail:noMemory"));
        long upBefore = driver.facts(device).sysUpTime();

        Outcome outcome = awaitEnd(driver.start(device, download(TransferProtocol.TFTP, "127.0.0.1", tftp.port(),
                "cm-2.0.0.img")));

        assertEquals(OperationState.FAILED, outcome.status.state());
        assertTrue(outcome.status.describeFailure().contains("docsDevSwOperStatus is failed(4)"),
                outcome.status.describeFailure());
        assertFalse(outcome.wentSilent, "no reboot after a failed download");
        assertEquals(DocsDevMib.OPER_FAILED, read(DocsDevMib.SW_OPER_STATUS).toInt());
        DeviceFacts after = driver.facts(device);
        assertEquals("1.0.0", after.runningVersion());
        assertTrue(after.sysUpTime() >= upBefore, "still up since before: " + after.sysUpTime());
    }

    @Test
    void givenAMissingImage_whenDownloaded_thenStatusIsFailed() throws Exception {
        assertEquals(OperationState.FAILED, awaitEnd(driver.start(device, download(TransferProtocol.TFTP, "127.0.0.1",
                tftp.port(), "missing.img"))).status.state());
        assertEquals(OperationState.FAILED, awaitEnd(driver.start(device, download(TransferProtocol.HTTP, "127.0.0.1",
                http.getAddress().getPort(), "missing.img"))).status.state(), "HTTP 404");
        assertEquals("1.0.0", driver.facts(device).runningVersion());
    }

    @Test
    void givenAnEarlierUpgrade_whenANewDownloadFails_thenItsCompleteFromMgtIsNotTakenForSuccess() throws Exception {
        assertEquals(OperationState.SUCCESSFUL, awaitEnd(driver.start(device, download(TransferProtocol.TFTP,
                "127.0.0.1", tftp.port(), "cm-2.0.0.img"))).status.state());
        assertEquals(DocsDevMib.OPER_COMPLETE_FROM_MGT, read(DocsDevMib.SW_OPER_STATUS).toInt());

        Outcome second = awaitEnd(driver.start(device, download(TransferProtocol.TFTP, "127.0.0.1", tftp.port(),
                "missing.img")));

        assertEquals(OperationState.FAILED, second.status.state());
        assertFalse(second.states.contains(OperationState.SUCCESSFUL), "states seen: " + second.states);
        assertEquals("2.0.0", driver.facts(device).runningVersion());
    }

    @Test
    void givenAModemThatStillShowsTheEarlierCompleteFromMgt_whenItsNewDownloadFails_thenFailedNotSuccessful()
            throws Exception {
        int complete = DocsDevMib.OPER_COMPLETE_FROM_MGT;
        try (ScriptedModem lagging = new ScriptedModem("<<MODEL: CM-9>>", complete, complete, complete, complete,
                DocsDevMib.OPER_IN_PROGRESS, DocsDevMib.OPER_FAILED)) {
            Device modem = new Device("cm-lag", "127.0.0.1", lagging.port(), SnmpCredentials.v2c("private"), null);

            Outcome outcome = awaitEnd(driver, modem, driver.start(modem, download(TransferProtocol.TFTP, "127.0.0.1",
                    tftp.port(), "up-new.img")));

            assertEquals(OperationState.FAILED, outcome.status.state());
            assertEquals(List.of(OperationState.WAITING, OperationState.WAITING, OperationState.WAITING,
                    OperationState.RUNNING, OperationState.FAILED), outcome.states);
        }
    }

    @Test
    void givenAModemThatStillShowsAnEarlierFailure_whenItsNewDownloadRuns_thenThatFailureIsNotTakenForThisOne()
            throws Exception {
        int failed = DocsDevMib.OPER_FAILED;
        try (ScriptedModem lagging = new ScriptedModem("<<MODEL: CM-9>>", failed, failed, failed,
                DocsDevMib.OPER_IN_PROGRESS, DocsDevMib.OPER_COMPLETE_FROM_MGT)) {
            Device modem = new Device("cm-lag", "127.0.0.1", lagging.port(), SnmpCredentials.v2c("private"), null);

            Outcome outcome = awaitEnd(driver, modem, driver.start(modem, download(TransferProtocol.HTTP, "127.0.0.1",
                    http.getAddress().getPort(), "up-new.img")));

            assertEquals(OperationState.SUCCESSFUL, outcome.status.state());
            assertEquals(List.of(OperationState.WAITING, OperationState.WAITING, OperationState.RUNNING,
                    OperationState.SUCCESSFUL), outcome.states);
        }
    }

    @Test
    void givenDeviceTextWithControlCharacters_whenFactsAreRead_thenTheyAreEscaped() throws Exception {
        try (ScriptedModem hostile = new ScriptedModem("<<HW_REV: 1; MODEL: CM\u001b[2J\nX\u202e>>",
                DocsDevMib.OPER_OTHER)) {
            Device modem = new Device("cm-text", "127.0.0.1", hostile.port(), SnmpCredentials.v2c("private"), null);

            assertEquals("CM\\u001b[2J\\u000aX\\u202e", driver.facts(modem).model());
        }
    }

    @Test
    void givenFtp_whenStarted_thenRefusedInOneLine_andTheModemIsNotTouched() {
        DeviceException refused = assertThrows(DeviceException.class, () -> driver.start(device,
                download(TransferProtocol.FTP, "127.0.0.1", 0, "cm-2.0.0.img")));

        assertTrue(refused.getMessage().contains("TFTP or HTTP") && refused.getMessage().contains("not FTP"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"), "one line");
        assertFalse(refused.unreachable());
        assertTrue(simulator.operationsStarted().isEmpty(), "no download started");
    }

    @Test
    void givenAnHttpPortOtherThanTheDevicesOne_whenStarted_thenRefusedNamingThePort() {
        DeviceException refused = assertThrows(DeviceException.class, () -> driver.start(device,
                download(TransferProtocol.HTTP, "127.0.0.1", tftp.port(), "cm-2.0.0.img")));

        assertTrue(refused.getMessage().contains("HTTP port " + http.getAddress().getPort()), refused.getMessage());
    }

    @Test
    void givenADownloadInProgress_whenTheSoftwareObjectsAreSet_thenTheModemRefuses() throws Exception {
        httpFiles.put("/cm-2.0.0.img", IMAGE);
        httpHolds = true;
        OperationHandle handle = driver.start(device, download(TransferProtocol.HTTP, "127.0.0.1",
                http.getAddress().getPort(), "cm-2.0.0.img"));
        assertEquals(DocsDevMib.OPER_IN_PROGRESS, read(DocsDevMib.SW_OPER_STATUS).toInt());
        assertEquals(OperationState.RUNNING, driver.status(device, handle).state());

        try (SnmpSession session = new SnmpSession(300, 1)) {
            for (VariableBinding set : List.of(
                    new VariableBinding(DocsDevMib.SW_FILENAME, new OctetString("other.img")),
                    new VariableBinding(DocsDevMib.SW_SERVER_TRANSPORT_PROTOCOL, new Integer32(1)),
                    new VariableBinding(DocsDevMib.SW_SERVER_ADDRESS_TYPE, new Integer32(1)),
                    new VariableBinding(DocsDevMib.SW_SERVER_ADDRESS, new OctetString(new byte[]{127, 0, 0, 9})),
                    new VariableBinding(SW_SERVER, new IpAddress("127.0.0.9")),
                    new VariableBinding(DocsDevMib.SW_ADMIN_STATUS, new Integer32(1)))) {
                DeviceException refused = assertThrows(DeviceException.class, () -> session.set(device, set),
                        set.getOid().toDottedString());
                assertFalse(refused.unreachable());
            }
        }
        DeviceException second = assertThrows(DeviceException.class, () -> driver.start(device,
                download(TransferProtocol.TFTP, "127.0.0.1", tftp.port(), "cm-2.0.0.img")));
        assertTrue(second.getMessage().contains("already downloading"), second.getMessage());

        httpRelease.countDown();
        assertEquals(OperationState.SUCCESSFUL, awaitEnd(handle).status.state());
        assertEquals("/cm-2.0.0.img", read(DocsDevMib.SW_FILENAME).toString(), "the locked SET changed nothing");
    }

    @Test
    void givenADownloadThatHangs_whenTheModemIsReset_thenItComesBackFailed4AndTakesTheNextDownload() throws Exception {
        simulator.inject(Fault.parse("download-hang"));
        OperationHandle hung = driver.start(device, download(TransferProtocol.TFTP, "127.0.0.1", tftp.port(),
                "cm-2.0.0.img"));
        Thread.sleep(300);
        assertEquals(OperationState.RUNNING, driver.status(device, hung).state(), "the hang never ends by itself");

        simulator.clearFaults();
        try (SnmpSession session = new SnmpSession(300, 1)) {
            session.set(device, new VariableBinding(RESET_NOW, new Integer32(1)));
        }
        Outcome reset = awaitEnd(hung);
        assertEquals(OperationState.FAILED, reset.status.state(), "the reboot ended the download: " + reset.states);
        assertEquals("1.0.0", driver.facts(device).runningVersion());
        driver.release(device, hung);

        Outcome next = awaitEnd(driver.start(device, download(TransferProtocol.TFTP, "127.0.0.1", tftp.port(),
                "cm-2.0.0.img")));
        assertEquals(OperationState.SUCCESSFUL, next.status.state(), next.status.describeFailure());
        assertEquals("2.0.0", awaitVersion("2.0.0").runningVersion());
    }

    @Test
    void givenAFileNameLongerThanTheMibAllows_whenStarted_thenRefused() {
        DeviceException refused = assertThrows(DeviceException.class, () -> driver.start(device,
                download(TransferProtocol.TFTP, "127.0.0.1", tftp.port(), "x".repeat(65))));

        assertTrue(refused.getMessage().contains("docsDevSwFilename holds 1 to 64 bytes"), refused.getMessage());
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
        assertNotEquals(DocsDevMib.OPER_COMPLETE_FROM_MGT, read(DocsDevMib.SW_OPER_STATUS).toInt(),
                "a plain reset is no upgrade");
    }

    private SimulatedDevice modem(String host, int httpPort) throws IOException {
        return new SimulatedDevice(DeviceSettings.defaults(41, 0).withHost(host).withRebootMillis(REBOOT_MILLIS)
                .withPersonalities(EnumSet.of(Personality.DOCSIS)).withTftpPort(tftp.port()).withHttpPort(httpPort));
    }

    /** The JDK's HTTP server: serves {@link #httpFiles}, logs each request with its source address. */
    private HttpServer httpServer(InetAddress address) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                synchronized (httpRequests) {
                    httpRequests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " from "
                            + exchange.getRemoteAddress().getAddress().getHostAddress());
                }
                byte[] body = httpFiles.get(exchange.getRequestURI().getPath());
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    int sent = 0;
                    // held: a byte every 100 ms keeps the download in progress without tripping the modem's time-out
                    while (httpHolds && sent < body.length - 1 && !httpRelease.await(100, TimeUnit.MILLISECONDS)) {
                        out.write(body[sent++]);
                        out.flush();
                    }
                    out.write(body, sent, body.length - sent);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (httpThreads == null) {
            httpThreads = Executors.newCachedThreadPool();
        }
        server.setExecutor(httpThreads);
        server.start();
        return server;
    }

    private static OperationRequest download(TransferProtocol protocol, String host, int port, String fileName) {
        return new OperationRequest(OperationType.DOWNLOAD_FIRMWARE, protocol, host, port, fileName, null, null);
    }

    private org.snmp4j.smi.Variable read(OID oid) throws Exception {
        try (SnmpSession session = new SnmpSession(300, 1)) {
            return session.get(device, oid).get(0).getVariable();
        }
    }

    /** How a download ended, the states polled on the way, and whether the modem fell silent (rebooted). */
    private record Outcome(OperationStatus status, List<OperationState> states, boolean wentSilent) {
    }

    private Outcome awaitEnd(OperationHandle handle) throws Exception {
        return awaitEnd(driver, device, handle);
    }

    /** Polls as a workflow would, carrying on across the reboot: a silent modem is not a failed one. */
    private static Outcome awaitEnd(DocsisSoftwareDriver driver, Device device, OperationHandle handle)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<OperationState> states = new ArrayList<>();
        boolean wentSilent = false;
        while (true) {
            try {
                OperationStatus status = driver.status(device, handle);
                states.add(status.state());
                if (status.state() == OperationState.SUCCESSFUL || status.state() == OperationState.FAILED
                        || System.nanoTime() > deadline) {
                    return new Outcome(status, states, wentSilent);
                }
            } catch (DeviceException e) {
                if (!e.unreachable() || System.nanoTime() > deadline) {
                    throw e;
                }
                wentSilent = true;
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

    static DocsisSoftwareDriver.Config config(int tftpPort, int httpPort) {
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

            @Override
            public int httpPort() {
                return httpPort;
            }
        };
    }
}
