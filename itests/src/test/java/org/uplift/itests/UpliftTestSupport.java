package org.uplift.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

import javax.inject.Inject;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Boots a stock Apache Karaf with Uplift's features repository and the simulator, on free
 * loopback ports, as Karaf's own KarafTestSupport does for its tests.
 */
public abstract class UpliftTestSupport {

    /** Bundles built by this reactor; copied into the test Karaf's system/ folder (STACK.md pitfall F). */
    private static final String[] BUNDLES = {"api", "repository", "snmp", "migration", "workflow", "shell", "simulator",
            "rest",
            "webconsole"};

    /** System properties that carry the chosen ports from the test driver into Karaf. */
    protected static final String SIM_BASE_PORT = "uplift.it.simBasePort";
    protected static final String TFTP_PORT = "uplift.it.tftpPort";
    protected static final String FILE_FTP_PORT = "uplift.it.fileServerFtpPort";
    protected static final String FILE_HTTP_PORT = "uplift.it.fileServerHttpPort";
    protected static final String SSH_PORT = "uplift.it.sshPort";

    @Inject
    protected BundleContext bundleContext;

    @Inject
    @Filter(timeout = 120_000)
    protected SessionFactory sessionFactory;

    /** Options for a Karaf with uplift and uplift-simulator; {@code extra} adds test-specific ones. */
    protected Option[] uplift(int simulatedDevices, String faults, Option... extra) {
        int simBase = freeUdpPortRange(simulatedDevices);
        int tftp = freeUdpPortRange(1);
        int traps = freeUdpPortRange(1);
        String ftp = Integer.toString(freeTcpPort());
        String http = Integer.toString(freeTcpPort());
        List<Option> options = new ArrayList<>(List.of(stockKaraf()));
        options.addAll(List.of(
                editConfigurationFilePut("etc/system.properties", SIM_BASE_PORT, Integer.toString(simBase)),
                editConfigurationFilePut("etc/system.properties", TFTP_PORT, Integer.toString(tftp)),
                editConfigurationFilePut("etc/system.properties", FILE_FTP_PORT, ftp),
                editConfigurationFilePut("etc/system.properties", FILE_HTTP_PORT, http),
                editConfigurationFilePut("etc/org.uplift.tftp.cfg", "port", Integer.toString(tftp)),
                editConfigurationFilePut("etc/org.uplift.tftp.cfg", "bindAddress", "127.0.0.1"),
                // the file server's FTP and HTTP on free ports, never the defaults a parallel build may hold
                editConfigurationFilePut("etc/org.uplift.tftp.cfg", "ftpPort", ftp),
                editConfigurationFilePut("etc/org.uplift.tftp.cfg", "httpPort", http),
                // the Cisco and DOCSIS MIBs cannot name a server port: their drivers and the simulator are told it
                editConfigurationFilePut("etc/org.uplift.snmp.cisco.cfg", "tftpPort", Integer.toString(tftp)),
                editConfigurationFilePut("etc/org.uplift.snmp.cisco.cfg", "ftpPort", ftp),
                editConfigurationFilePut("etc/org.uplift.snmp.docsis.cfg", "tftpPort", Integer.toString(tftp)),
                editConfigurationFilePut("etc/org.uplift.snmp.docsis.cfg", "httpPort", http),
                editConfigurationFilePut("etc/org.uplift.simulator.cfg", "tftpPort", Integer.toString(tftp)),
                editConfigurationFilePut("etc/org.uplift.simulator.cfg", "ftpPort", ftp),
                editConfigurationFilePut("etc/org.uplift.simulator.cfg", "httpPort", http),
                editConfigurationFilePut("etc/org.uplift.workflow.cfg", "pollIntervalMillis", "200"),
                editConfigurationFilePut("etc/org.uplift.workflow.cfg", "rebootTimeoutSeconds", "60"),
                // a simulated device is steady as soon as it answers again
                editConfigurationFilePut("etc/org.uplift.workflow.cfg", "rebootSettleMillis", "1000"),
                editConfigurationFilePut("etc/org.uplift.simulator.cfg", "devices", Integer.toString(simulatedDevices)),
                editConfigurationFilePut("etc/org.uplift.simulator.cfg", "basePort", Integer.toString(simBase)),
                editConfigurationFilePut("etc/org.uplift.simulator.cfg", "rebootSeconds", "2"),
                editConfigurationFilePut("etc/org.uplift.simulator.cfg", "faults", faults),
                editConfigurationFilePut("etc/org.uplift.simulator.cfg", "notifyTo", "127.0.0.1:" + traps),
                editConfigurationFilePut("etc/org.uplift.snmp.notifications.cfg", "port", Integer.toString(traps)),
                features(new File(System.getProperty("uplift.features.xml")).toURI().toString(), "uplift",
                        "uplift-simulator")));
        options.addAll(List.of(reactorInSystem()));
        options.addAll(List.of(extra));
        return options.toArray(new Option[0]);
    }

    /**
     * This build's bundles, features repository and shipped cfg files, put into the test Karaf's
     * {@code system/} folder - a Maven repository every Karaf reads - at the paths {@code mvn:org.uplift/...}
     * URLs name, as {@code mvn install} would put them into a local repository.
     */
    protected static Option[] reactorInSystem() {
        String version = System.getProperty("project.version");
        File root = new File(System.getProperty("uplift.root"));
        List<Option> options = new ArrayList<>();
        for (String b : BUNDLES) {
            options.add(replaceConfigurationFile(
                    "system/org/uplift/" + b + "/" + version + "/" + b + "-" + version + ".jar",
                    new File(root, "bundles/" + b + "/target/" + b + "-" + version + ".jar")));
        }
        String features = "system/org/uplift/uplift-features/" + version + "/uplift-features-" + version;
        options.add(replaceConfigurationFile(features + "-features.xml",
                new File(System.getProperty("uplift.features.xml"))));
        File[] cfgs = new File(root, "features/uplift/src/main/cfg").listFiles((d, n) -> n.endsWith(".cfg"));
        for (File cfg : cfgs) {
            options.add(replaceConfigurationFile(features + "-" + cfg.getName(), cfg));
        }
        return options.toArray(new Option[0]);
    }

    /**
     * Options for a stock Karaf with nothing of Uplift installed: the base for tests that bring Uplift in
     * some other way (the KAR). Karaf still reads {@code mvn:} from the build's local repository at boot,
     * because Pax Exam installs its own bundles from there; a test that must run offline cuts Maven off
     * afterwards (see {@code KarOfflineInstallIT}).
     */
    protected Option[] stockKaraf(Option... extra) {
        String karafVersion = System.getProperty("karaf.version");
        int ssh = freeTcpPort();
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl(maven().groupId("org.apache.karaf").artifactId("apache-karaf")
                                .version(karafVersion).type("tar.gz"))
                        .karafVersion(karafVersion).name("Apache Karaf")
                        .unpackDirectory(new File("target/exam")).useDeployFolder(false),
                keepRuntimeFolder(),
                jdk17Flags(karafVersion),
                configureConsole().ignoreLocalConsole(),
                logLevel(LogLevel.INFO),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                        System.getProperty("org.ops4j.pax.url.mvn.localRepository")),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", Integer.toString(ssh)),
                editConfigurationFilePut("etc/system.properties", SSH_PORT, Integer.toString(ssh)),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshHost", "127.0.0.1"),
                // boot features installed from the features service's activator can deadlock on the refresh
                // of core bundles they cause; asynchronously they cannot (the tests wait for services anyway)
                editConfigurationFilePut("etc/org.apache.karaf.features.cfg", "featuresBootAsynchronous", "true"),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort",
                        Integer.toString(freeTcpPort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort",
                        Integer.toString(freeTcpPort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryHost", "127.0.0.1"),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerHost", "127.0.0.1")));
        options.addAll(List.of(extra));
        return options.toArray(new Option[0]);
    }

    /** A free TCP port on loopback. */
    protected static int freeLoopbackTcpPort() {
        return freeTcpPort();
    }

    /** A free UDP port on loopback, randomised so parallel builds differ. */
    protected static int freeLoopbackUdpPort() {
        return freeUdpPortRange(1);
    }

    /** STACK.md pitfall E: Pax Exam does not pass the JDK 9+ flags that bin/karaf uses. */
    private static Option jdk17Flags(String karafVersion) {
        return vmOptions(
                "--add-reads=java.xml=java.logging",
                "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar",
                "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar",
                "--add-opens", "java.base/java.security=ALL-UNNAMED",
                "--add-opens", "java.base/java.net=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.util=ALL-UNNAMED",
                "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
                "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
                "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
                "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED");
    }

    /** Runs a shell command as an operator would; the command's exception is rethrown. */
    protected String executeCommand(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true);
        Session session = sessionFactory.create(new ByteArrayInputStream(new byte[0]), out, out);
        try {
            session.execute(command);
        } finally {
            out.flush();
            session.close();
        }
        return bytes.toString();
    }

    /** Waits until the shell extender has registered a command (it does so asynchronously). */
    protected void awaitCommand(String command, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        Exception last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                executeCommand(command);
                return;
            } catch (Exception e) {
                last = e;
                Thread.sleep(250);
            }
        }
        throw new AssertionError("command '" + command + "' never became available", last);
    }

    /**
     * Writes an image the simulated devices accept ({@code uplift-sim:make-firmware}) and adds it to the
     * catalogue, unless an image of that model and version is there already.
     */
    protected void addFirmware(String model, String version) throws Exception {
        awaitCommand("uplift:firmware-list", 60_000);
        if (executeCommand("uplift:firmware-list").contains(model + "-" + version)) {
            return;
        }
        File image = Files.createTempFile(model + "-" + version, ".bin").toFile();
        awaitCommand("uplift-sim:devices", 60_000);
        executeCommand("uplift-sim:make-firmware --model " + model + " --version " + version + " " + image);
        String out = executeCommand("uplift:firmware-add --model " + model + " --version " + version + " " + image);
        if (!out.contains("Added " + model + "-" + version)) {
            throw new AssertionError("uplift:firmware-add did not add " + model + "-" + version + ": " + out);
        }
    }

    /**
     * The operations the simulated device number {@code index} was commanded to start, per MIB it was commanded
     * through (e.g. {@code cisco-config-copy=[BACKUP_CONFIG, RESTORE_CONFIG]}), as the simulator recorded them.
     * The simulator exports no package, so its fleet service is read by reflection.
     */
    protected Map<String, List<String>> simulatedOperations(int index) throws Exception {
        ServiceReference<?>[] refs = bundleContext.getAllServiceReferences("org.uplift.simulator.SimulatorFleet", null);
        if (refs == null) {
            throw new AssertionError("no simulated fleet is running");
        }
        Object fleet = bundleContext.getService(refs[0]);
        try {
            Object device = ((Optional<?>) fleet.getClass().getMethod("deviceByIndex", int.class).invoke(fleet, index))
                    .orElseThrow(() -> new AssertionError("no simulated device " + index));
            Map<?, ?> started = (Map<?, ?>) device.getClass().getMethod("operationsStarted").invoke(device);
            Map<String, List<String>> result = new TreeMap<>();
            for (Map.Entry<?, ?> e : started.entrySet()) {
                Object id = e.getKey().getClass().getMethod("id").invoke(e.getKey());
                result.put(id.toString(), ((List<?>) e.getValue()).stream().map(Object::toString).toList());
            }
            return result;
        } finally {
            bundleContext.ungetService(refs[0]);
        }
    }

    protected static int intProperty(String name) {
        return Integer.parseInt(System.getProperty(name));
    }

    private static int freeTcpPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A run of {@code count} consecutive free UDP ports on loopback, randomised so parallel builds differ. */
    private static int freeUdpPortRange(int count) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 40_000 - count);
            if (udpFree(base, count)) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free UDP ports");
    }

    private static boolean udpFree(int base, int count) {
        for (int p = base; p < base + count; p++) {
            try (DatagramSocket s = new DatagramSocket(p, InetAddress.getLoopbackAddress())) {
                // free
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }
}
