package org.uplift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Issue 7: Uplift goes into a host NMS without internet as one file. A stock Karaf whose Maven access is cut
 * off gets the Uplift KAR in {@code deploy/} and must install feature {@code uplift} - Karaf's scr, pax-jdbc and
 * H2 included - from the archive alone; taking the KAR out again must leave no Uplift thread or port behind.
 *
 * <p>The Uplift API classes are not used here: the probe is installed before Uplift exists, so services are
 * looked up by interface name.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class KarOfflineInstallIT extends UpliftTestSupport {

    private static final String KAR = "uplift.it.kar";
    private static final String FTP_PORT = "uplift.it.ftpPort";
    private static final String TRAP_PORT = "uplift.it.trapPort";
    /** In the build's local repository (a dependency of this module), in neither system/ nor the KAR. */
    private static final String ONLY_IN_LOCAL_REPOSITORY = "mvn:org.osgi/osgi.cmpn/7.0.0";
    private static final String EXAM_FEATURES = "mvn:org.ops4j.pax.exam/pax-exam-features/4.14.0/xml/features";

    private static final String[] SERVICES = {
            "(objectClass=org.uplift.api.workflow.UpgradeService)",
            "(objectClass=org.uplift.api.repository.FirmwareCatalog)",
            "(objectClass=org.uplift.api.migration.MigrationService)",
            "(&(objectClass=org.uplift.api.driver.DeviceDriver)(uplift.driver=uplift-iad))",
    };

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        String version = System.getProperty("project.version");
        File kar = new File(System.getProperty("uplift.root"), "features/kar/target/uplift-kar-" + version + ".kar");
        int tftp = freeLoopbackUdpPort();
        int traps = freeLoopbackUdpPort();
        int ftp = freeLoopbackTcpPort();
        return stockKaraf(
                editConfigurationFilePut("etc/system.properties", KAR, kar.getAbsolutePath()),
                editConfigurationFilePut("etc/system.properties", TFTP_PORT, Integer.toString(tftp)),
                editConfigurationFilePut("etc/system.properties", FTP_PORT, Integer.toString(ftp)),
                editConfigurationFilePut("etc/system.properties", TRAP_PORT, Integer.toString(traps)),
                editConfigurationFilePut("etc/org.uplift.tftp.cfg", "port", Integer.toString(tftp)),
                editConfigurationFilePut("etc/org.uplift.tftp.cfg", "ftpPort", Integer.toString(ftp)),
                editConfigurationFilePut("etc/org.uplift.tftp.cfg", "bindAddress", "127.0.0.1"),
                editConfigurationFilePut("etc/org.uplift.snmp.notifications.cfg", "port", Integer.toString(traps)));
    }

    @Test
    public void givenAKarafWithoutMaven_whenTheKarIsDropped_thenUpliftIsInstalledFromItAlone() throws Exception {
        installFromKar();
        String features = executeCommand("feature:list -i");
        assertTrue(features, features.lines().anyMatch(l -> l.trim().startsWith("uplift ")));
        for (String name : List.of("pax-jdbc-config", "pax-jdbc-h2", "scr")) {
            assertTrue(name + " installed\n" + features,
                    features.lines().anyMatch(l -> l.trim().startsWith(name + " ")));
        }
        for (Bundle b : upliftBundles()) {
            assertEquals(b.getSymbolicName() + " active", Bundle.ACTIVE, b.getState());
        }
        assertFalse("TFTP port in use while installed", Leftovers.udpFree(intProperty(TFTP_PORT)));
        assertFalse("FTP port in use while installed", Leftovers.tcpFree(intProperty(FTP_PORT)));
    }

    @Test
    public void givenUpliftFromTheKar_whenTheKarIsRemoved_thenNoThreadOrPortIsLeftBehind() throws Exception {
        installFromKar();
        // the services are up, so TFTP and FTP listen (the component is activated for UpgradeService)
        assertFalse("TFTP port in use while installed", Leftovers.udpFree(intProperty(TFTP_PORT)));

        // the uninstall refreshes bundles, this probe among them (it imports dynamically): ask the system bundle
        system = bundleContext.getBundle(0).getBundleContext();
        FrameworkWiring wiring = system.getBundle(0).adapt(FrameworkWiring.class);
        CountDownLatch refreshed = new CountDownLatch(1);
        FrameworkListener afterRefresh = event -> refreshed.countDown();
        Files.delete(deployedKar());
        installed = false;
        long deadline = System.currentTimeMillis() + 60_000;
        while (!upliftBundles().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        assertEquals("Uplift bundles left after the KAR was removed", List.of(), Leftovers.names(upliftBundles()));

        assertEquals("Uplift threads still alive after uninstall", List.of(), Leftovers.upliftThreadsAfterGrace());
        assertTrue("TFTP port " + intProperty(TFTP_PORT) + " free again", Leftovers.udpFree(intProperty(TFTP_PORT)));
        assertTrue("FTP port " + intProperty(FTP_PORT) + " free again", Leftovers.tcpFree(intProperty(FTP_PORT)));
        assertTrue("SNMP notification port " + intProperty(TRAP_PORT) + " free again",
                Leftovers.udpFree(intProperty(TRAP_PORT)));

        // the removal's refresh runs on the framework's own thread, holding its global lock; Pax Exam's teardown
        // then cannot uninstall this probe ("Unable to acquire global lock"): wait for it, as a refresh of nothing
        // asked now ends only after the refreshes asked before it (wiring and listener made before the removal:
        // the refresh takes this probe's class loader away)
        wiring.refreshBundles(List.of(), afterRefresh);
        assertTrue("the framework's refresh ended", refreshed.await(60, TimeUnit.SECONDS));
    }

    private static boolean installed;

    /** Cuts Karaf off from every Maven repository but its own system/ and data/kar, then deploys the KAR. */
    private void installFromKar() throws Exception {
        if (installed) {
            return;
        }
        cutOffMaven();
        Files.copy(Path.of(System.getProperty(KAR)), deployedKar(), StandardCopyOption.REPLACE_EXISTING);
        for (String filter : SERVICES) {
            ServiceTracker<Object, Object> tracker = new ServiceTracker<>(bundleContext,
                    bundleContext.createFilter(filter), null);
            tracker.open();
            try {
                if (tracker.waitForService(60_000) == null) {
                    fail("no service " + filter + " after deploying the KAR\n" + executeCommand("feature:list -i")
                            + executeCommand("bundle:list -t 0"));
                }
            } finally {
                tracker.close();
            }
        }
        installed = true;
    }

    private static Path deployedKar() {
        return Path.of(System.getProperty("karaf.base"), "deploy", "uplift.kar");
    }

    /**
     * No remote repositories, no fallback, an empty local repository and empty settings: only system/ and the
     * KARs' repository remain. Pax Exam installed its own bundles from the build's local repository at boot,
     * so the cut comes now, and is proven by an artifact from there that can no longer be read.
     */
    private void cutOffMaven() throws Exception {
        Path home = Path.of(System.getProperty("karaf.home"));
        Path data = Path.of(System.getProperty("karaf.data"));
        Path emptyRepo = Files.createDirectories(data.resolve("no-local-repository"));
        Path settings = data.resolve("empty-settings.xml");
        Files.writeString(settings, "<settings/>\n");
        // an NMS has what it runs in system/; here Pax Exam's own bundles came from the build's local repository,
        // and the features service re-reads every installed feature's bundles whenever it installs another
        List<String> urls = new ArrayList<>(List.of(EXAM_FEATURES));
        for (Bundle b : bundleContext.getBundles()) {
            if (b.getLocation().startsWith("mvn:")) {
                urls.add(b.getLocation());
            }
        }
        for (String url : urls) {
            Path target = home.resolve("system").resolve(mavenPath(url));
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                try (InputStream in = new URL(url).openStream()) {
                    Files.copy(in, target);
                } catch (IOException notInTheLocalRepository) {
                    // Pax Exam's features XML is served by the driver, not from the local repository
                }
            }
        }
        org.osgi.service.cm.Configuration cfg = configAdmin.getConfiguration("org.ops4j.pax.url.mvn", null);
        Dictionary<String, Object> props = cfg.getProperties() == null ? new Hashtable<>() : cfg.getProperties();
        props.put("org.ops4j.pax.url.mvn.repositories", "");
        props.put("org.ops4j.pax.url.mvn.defaultRepositories",
                home.resolve("system").toUri() + "@id=system.repository@snapshots, "
                        + data.resolve("kar").toUri() + "@id=kar.repository@multi@snapshots");
        props.put("org.ops4j.pax.url.mvn.localRepository", emptyRepo.toString());
        props.put("org.ops4j.pax.url.mvn.settings", settings.toString());
        props.put("org.ops4j.pax.url.mvn.useFallbackRepositories", "false");
        props.put("org.ops4j.pax.url.mvn.defaultLocalRepoAsRemote", "false");
        cfg.update(props);
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            try (InputStream in = new URL(ONLY_IN_LOCAL_REPOSITORY).openStream()) {
                Thread.sleep(250); // still served: the new configuration is not in effect yet
            } catch (IOException expected) {
                return;
            }
        }
        fail("Karaf still reads " + ONLY_IN_LOCAL_REPOSITORY + " from a Maven repository after it was cut off");
    }

    /** mvn:group/artifact/version[/type[/classifier]] as a path in a Maven repository. */
    private static String mavenPath(String url) {
        String[] p = url.substring("mvn:".length()).split("/");
        String type = p.length > 3 ? p[3] : "jar";
        String classifier = p.length > 4 ? "-" + p[4] : "";
        return p[0].replace('.', '/') + "/" + p[1] + "/" + p[2] + "/" + p[1] + "-" + p[2] + classifier + "." + type;
    }

    private BundleContext system;

    private List<Bundle> upliftBundles() {
        return Leftovers.upliftBundles(system != null ? system : bundleContext);
    }

    private static void assertFalse(String message, boolean condition) {
        assertTrue(message, !condition);
    }
}
