package org.uplift.snmp.iad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.uplift.repository.testing.ExternalTools;
import org.uplift.simulator.DeviceSettings;
import org.uplift.simulator.SimulatedDevice;
import org.uplift.snmp.testing.NetSnmpTools;

/**
 * Net-SNMP's tools (Debian package {@code snmp}) speak UPLIFT-IAD-MIB by its names: a walk of the
 * system group, and a configuration backup commanded with one snmpset that creates the operation
 * row (createAndGo) and polled with snmpget, the file checked against the device's own digest.
 * Debian ships no IETF MIB modules, so SNMPv2-SMI and friends come from the lint stand-ins.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NetSnmpInteropTest {

    private static final String ROW = "77";
    private static final String FILE = "netsnmp-backup.cfg";

    @TempDir
    Path work;

    private SimulatedDevice simulator;
    private TestTftpServer tftp;

    @BeforeEach
    void start() throws Exception {
        simulator = new SimulatedDevice(DeviceSettings.defaults(61, 0));
        tftp = new TestTftpServer();
    }

    @AfterEach
    void stop() throws Exception {
        tftp.close();
        simulator.close();
    }

    @Test
    void givenTheMibByName_whenNetSnmpWalksTheSystemGroup_thenItSeesModelVersionAndFormat() throws Exception {
        String walk = run(tool("snmpwalk"), "-v2c", "-c", "public", agent(), "UPLIFT-IAD-MIB::upliftIadSystem");

        assertTrue(walk.contains("UPLIFT-IAD-MIB::upliftIadModel.0 = STRING: IAD-1000"), walk);
        assertTrue(walk.contains("UPLIFT-IAD-MIB::upliftIadRunningVersion.0 = STRING: 1.0.0"), walk);
        assertTrue(walk.contains("UPLIFT-IAD-MIB::upliftIadConfigFormat.0 = STRING: 1"), walk);
        assertTrue(walk.contains("UPLIFT-IAD-MIB::upliftIadConfigDigest.0"), walk);
    }

    @Test
    void givenOneSnmpsetByNames_whenTheBackupRowIsCreated_thenTheFileArrivesWithTheDevicesDigest() throws Exception {
        run(tool("snmpset"), "-v2c", "-c", "private", agent(),
                column("upliftIadOpType"), "i", "backupConfig",
                column("upliftIadOpProtocol"), "i", "tftp",
                column("upliftIadOpServerAddressType"), "i", "ipv4",
                column("upliftIadOpServerAddress"), "x", "7F000001",
                column("upliftIadOpServerPort"), "u", Integer.toString(tftp.port()),
                column("upliftIadOpFileName"), "s", FILE,
                column("upliftIadOpRowStatus"), "i", "createAndGo");

        String state = awaitEnd();
        assertTrue(state.contains("successful(3)"), state);
        byte[] uploaded = tftp.received.get(FILE);
        assertNotNull(uploaded, "the TFTP server received no backup");
        String digest = run(tool("snmpget"), "-v2c", "-c", "public", "-Ov", "-Ox", agent(),
                "UPLIFT-IAD-MIB::upliftIadConfigDigest.0");
        assertEquals(hex(digest), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(uploaded)));

        run(tool("snmpset"), "-v2c", "-c", "private", agent(), column("upliftIadOpRowStatus"), "i", "destroy");
    }

    private String awaitEnd() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            String state = run(tool("snmpget"), "-v2c", "-c", "public", "-Ov", agent(), column("upliftIadOpState"));
            if (state.contains("successful") || state.contains("failed") || System.nanoTime() > deadline) {
                return state;
            }
            Thread.sleep(100);
        }
    }

    private static String column(String name) {
        return "UPLIFT-IAD-MIB::" + name + "." + ROW;
    }

    /** "Hex-STRING: AB CD ..." as lower-case hex without spaces. */
    private static String hex(String netSnmpValue) {
        return netSnmpValue.replace("Hex-STRING:", "").replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    private String agent() {
        return "127.0.0.1:" + simulator.port();
    }

    private static String tool(String name) {
        return ExternalTools.require(name, "snmp");
    }

    /** Runs a Net-SNMP tool with UPLIFT-IAD-MIB loaded by name; fails the test on a non-zero exit. */
    private String run(String tool, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(tool, "-t", "1", "-r", "1", "-M", "+" + mibDirs(),
                "-m", "+UPLIFT-IAD-MIB"));
        command.addAll(List.of(args));
        return NetSnmpTools.run(work, Duration.ofSeconds(15), command);
    }

    private static String mibDirs() throws Exception {
        Path mibs = Path.of(System.getProperty("basedir", "."), "src/main/resources/mibs");
        Path stubs = Path.of(NetSnmpInteropTest.class.getResource("/smi-base/SNMPv2-SMI").toURI()).getParent();
        return mibs.toAbsolutePath() + File.pathSeparator + stubs;
    }
}
