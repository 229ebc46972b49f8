package org.uplift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Issue 7: the README's install into an existing Karaf - {@code feature:repo-add} of Uplift's features
 * repository by its {@code mvn:} URL, then {@code feature:install uplift} - on the plain Apache Karaf
 * distribution, with Uplift's artifacts where {@code mvn install} would put them (here Karaf's
 * {@code system/} repository). Then {@code feature:uninstall uplift} leaves no bundle, thread or port.
 * The session is written to {@code target/stock-karaf-install.txt} as a transcript.
 *
 * <p>The probe is installed before Uplift exists, so services are looked up by interface name.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StockKarafInstallIT extends UpliftTestSupport {

    private static final String FTP_PORT = "uplift.it.ftpPort";
    private static final String TRAP_PORT = "uplift.it.trapPort";
    private static final String TRANSCRIPT = "uplift.it.transcript";
    private static final String VERSION = "uplift.it.version";

    private static final String[] SERVICES = {
            "(objectClass=org.uplift.api.workflow.UpgradeService)",
            "(objectClass=org.uplift.api.workflow.CampaignService)",
            "(objectClass=org.uplift.api.repository.FileServer)",
            "(objectClass=org.uplift.api.driver.DeviceEvents)",
    };

    private final List<String> transcript = new ArrayList<>();

    @Configuration
    public Option[] config() {
        int tftp = freeLoopbackUdpPort();
        int traps = freeLoopbackUdpPort();
        int ftp = freeLoopbackTcpPort();
        List<Option> options = new ArrayList<>(List.of(stockKaraf(
                editConfigurationFilePut("etc/system.properties", TFTP_PORT, Integer.toString(tftp)),
                editConfigurationFilePut("etc/system.properties", FTP_PORT, Integer.toString(ftp)),
                editConfigurationFilePut("etc/system.properties", TRAP_PORT, Integer.toString(traps)),
                // the operator's account bin/client logs in with (loopback only)
                editConfigurationFilePut("etc/users.properties", "karaf",
                        "karaf,admin,manager,viewer,systembundles,ssh"),
                editConfigurationFilePut("etc/system.properties", VERSION, System.getProperty("project.version")),
                editConfigurationFilePut("etc/system.properties", TRANSCRIPT,
                        Path.of("target/stock-karaf-install.txt").toAbsolutePath().toString()),
                // the ports are the only settings given before the install; every other cfg file is Uplift's own
                editConfigurationFilePut("etc/org.uplift.tftp.cfg", "port", Integer.toString(tftp)),
                editConfigurationFilePut("etc/org.uplift.tftp.cfg", "ftpPort", Integer.toString(ftp)),
                editConfigurationFilePut("etc/org.uplift.snmp.notifications.cfg", "port", Integer.toString(traps)))));
        options.addAll(List.of(reactorInSystem()));
        return options.toArray(new Option[0]);
    }

    @Test
    public void givenAStockKaraf_whenTheReadmeCommandsAreRun_thenUpliftRunsAndUninstallsCleanly() throws Exception {
        String version = System.getProperty(VERSION);
        BundleContext system = bundleContext.getBundle(0).getBundleContext();
        try {
            run("feature:repo-add mvn:org.uplift/uplift-features/" + version + "/xml/features");
            String available = run("feature:list | grep uplift");
            assertTrue(available, available.contains("uplift-simulator"));
            run("feature:install uplift");
            for (String filter : SERVICES) {
                awaitService(system, filter);
            }
            String installed = run("feature:list -i | grep uplift");
            assertTrue(installed, installed.lines().anyMatch(l -> l.trim().startsWith("uplift ")));
            for (Bundle b : Leftovers.upliftBundles(system)) {
                assertEquals(b.getSymbolicName() + " active", Bundle.ACTIVE, b.getState());
            }
            run("uplift:firmware-list");
            run("uplift:jobs");

            // the feature ships every component's settings, commented at their defaults
            Path etc = Path.of(System.getProperty("karaf.etc"));
            String workflow = Files.readString(etc.resolve("org.uplift.workflow.cfg"));
            assertTrue(workflow, workflow.contains("#backupTimeoutSeconds = 120"));
            assertTrue(workflow, workflow.lines().noneMatch(l -> !l.isBlank() && !l.startsWith("#")));
            String tftp = Files.readString(etc.resolve("org.uplift.tftp.cfg"));
            assertTrue("an operator's file is never overwritten: " + tftp,
                    tftp.contains(Integer.toString(intProperty(TFTP_PORT)))
                            && !tftp.contains("Shipped by the uplift feature"));
            assertTrue("TFTP port in use while installed", !Leftovers.udpFree(intProperty(TFTP_PORT)));
            assertTrue("FTP port in use while installed", !Leftovers.tcpFree(intProperty(FTP_PORT)));

            run("feature:uninstall uplift");
            long deadline = System.currentTimeMillis() + 60_000;
            while (!Leftovers.upliftBundles(system).isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(250);
            }
            assertEquals("Uplift bundles left after feature:uninstall uplift", List.of(),
                    Leftovers.names(Leftovers.upliftBundles(system)));
            assertEquals("Uplift threads alive after uninstall", List.of(), Leftovers.upliftThreadsAfterGrace());
            assertTrue("TFTP port free again", Leftovers.udpFree(intProperty(TFTP_PORT)));
            assertTrue("FTP port free again", Leftovers.tcpFree(intProperty(FTP_PORT)));
            assertTrue("SNMP notification port free again", Leftovers.udpFree(intProperty(TRAP_PORT)));
            transcript.add("(no org.uplift bundle, no uplift- thread; TFTP, FTP and notification ports free again)");
        } finally {
            Files.write(Path.of(System.getProperty(TRANSCRIPT)), transcript);
        }
    }

    /**
     * Runs a command as an operator would, through Karaf's own {@code bin/client} over SSH, and records it
     * with its output. (A shell session inside this probe would not do: installing a feature refreshes
     * bundles the probe's session is wired to.)
     */
    private String run(String command) throws Exception {
        transcript.add("karaf@root()> " + command);
        Path home = Path.of(System.getProperty("karaf.home"));
        Process p = new ProcessBuilder(home.resolve("bin/client").toString(), "-a", System.getProperty(SSH_PORT),
                "-h", "127.0.0.1", "-u", "karaf", "-p", "karaf", "-r", "10", "-b")
                .redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        }
        // grep colours its matches; the transcript and the checks want plain text
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .replaceAll("\u001B\\[[;\\d]*m", "").replaceAll("(?m)^client: JAVA_HOME not set.*\n", "");
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bin/client did not end: " + command);
        }
        transcript.add(out.stripTrailing());
        if (p.exitValue() != 0 || out.contains("Error executing command")) {
            throw new AssertionError("'" + command + "' failed (exit " + p.exitValue() + "):\n" + out);
        }
        return out;
    }

    private static void awaitService(BundleContext context, String filter) throws Exception {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, context.createFilter(filter), null);
        tracker.open();
        try {
            if (tracker.waitForService(60_000) == null) {
                fail("no service " + filter + " after feature:install uplift");
            }
        } finally {
            tracker.close();
        }
    }
}
