package org.uplift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.util.tracker.ServiceTracker;
import org.uplift.api.repository.BackupStore;
import org.uplift.api.repository.ConfigBackup;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignService;
import org.uplift.api.workflow.CampaignState;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.UpgradeService;

/**
 * Issue 7: while a campaign runs, a newer build of each Uplift bundle in turn - repository, snmp,
 * migration, workflow, shell - replaces the running one ({@code bundle:update} and a refresh, as an
 * operator deploys a fix). The campaign completes, every job is DONE, and no job or backup is lost.
 *
 * <p>The api bundle is not updated here: every bundle that uses Uplift's API, this test probe included,
 * is refreshed with it, so the test could not watch the result from inside Karaf.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeployCampaignIT extends UpliftTestSupport {

    private static final int DEVICES = 6;
    private static final String[] UPDATED = {"repository", "snmp", "migration", "workflow", "shell"};
    private static final String ROOT = "uplift.it.root";
    private static final String VERSION = "uplift.it.version";

    @Configuration
    public Option[] config() {
        return uplift(DEVICES, "",
                editConfigurationFilePut("etc/system.properties", ROOT, System.getProperty("uplift.root")),
                editConfigurationFilePut("etc/system.properties", VERSION, System.getProperty("project.version")),
                editConfigurationFilePut("etc/org.uplift.simulator.cfg", "rebootSeconds", "3"),
                editConfigurationFilePut("etc/org.uplift.campaign.cfg", "tickMillis", "500"));
    }

    @Test
    public void givenARunningCampaign_whenEveryUpliftBundleIsUpdated_thenTheCampaignCompletesAndNothingIsLost()
            throws Exception {
        ServiceTracker<UpgradeService, UpgradeService> upgrades = new ServiceTracker<>(bundleContext,
                UpgradeService.class, null);
        ServiceTracker<CampaignService, CampaignService> campaigns = new ServiceTracker<>(bundleContext,
                CampaignService.class, null);
        ServiceTracker<BackupStore, BackupStore> backups = new ServiceTracker<>(bundleContext, BackupStore.class, null);
        upgrades.open();
        campaigns.open();
        backups.open();
        try {
            awaitCommand("uplift:firmware-list", 60_000);
            awaitCommand("uplift-sim:devices", 60_000);
            int base = intProperty(SIM_BASE_PORT);
            List<String> ids = new ArrayList<>();
            for (int i = 1; i <= DEVICES; i++) {
                ids.add("iad-" + i);
                executeCommand(
                        "uplift:device-add --port " + (base + i - 1) + " --community private iad-" + i + " 127.0.0.1");
            }
            File image = Files.createTempFile("iad-2.0.0", ".bin").toFile();
            executeCommand("uplift-sim:make-firmware --model IAD-1000 --version 2.0.0 " + image);
            executeCommand("uplift:firmware-add --model IAD-1000 --version 2.0.0 " + image);
            // a transfer cut by an update fails its step; the policy retries it (after a roll-back where needed)
            String out = executeCommand("uplift:campaign-start --firmware 2.0.0 --devices " + String.join(",", ids)
                    + " --concurrency 2 --waves '100%' --threshold 100 --policy retry:3");
            String campaignId = get(campaigns).campaigns().get(0).id();
            assertTrue(out, out.contains(campaignId));

            Map<String, List<ConfigBackup>> backupsSeen = new HashMap<>();
            for (String name : UPDATED) {
                awaitSomeJobRunning(upgrades, campaignId);
                for (String id : ids) {
                    List<ConfigBackup> h = get(backups).history(id);
                    if (!h.isEmpty()) {
                        backupsSeen.put(id, h);
                    }
                }
                updateAndRefresh(name);
                assertNotNull("services back after updating " + name, upgrades.waitForService(60_000));
                Thread.sleep(2_000); // spread the updates over the campaign's steps
            }

            Campaign end = awaitCampaignEnd(campaigns, campaignId);
            List<Job> jobs = get(upgrades).jobsOfCampaign(campaignId);
            assertEquals("campaign " + end, CampaignState.COMPLETED, end.state());
            assertEquals("one job per device: " + jobs, DEVICES, jobs.size());
            for (Job j : jobs) {
                assertEquals(j.deviceId() + ": " + j.history(), JobState.DONE, j.state());
            }
            for (Map.Entry<String, List<ConfigBackup>> e : backupsSeen.entrySet()) {
                List<ConfigBackup> now = get(backups).history(e.getKey());
                assertTrue("backups of " + e.getKey() + " kept: " + e.getValue() + " now " + now,
                        now.containsAll(e.getValue()));
            }
            String devices = executeCommand("uplift-sim:devices");
            assertEquals(devices, DEVICES, devices.lines().filter(l -> l.contains("2.0.0")).count());
        } finally {
            upgrades.close();
            campaigns.close();
            backups.close();
        }
    }

    /** A newer build of the bundle: its own jar with a later Bundle-Version, as the next build would be. */
    private void updateAndRefresh(String name) throws Exception {
        Bundle bundle = Arrays.stream(bundleContext.getBundles())
                .filter(b -> ("org.uplift." + name).equals(b.getSymbolicName())).findFirst().orElseThrow();
        String version = System.getProperty(VERSION);
        File jar = new File(System.getProperty(ROOT), "bundles/" + name + "/target/" + name + "-" + version + ".jar");
        String before = bundle.getVersion().toString();
        bundle.update(new ByteArrayInputStream(newerBuild(jar)));
        CountDownLatch refreshed = new CountDownLatch(1);
        bundleContext.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), e -> {
            if (e.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                refreshed.countDown();
            }
        });
        assertTrue("refresh of " + name, refreshed.await(60, TimeUnit.SECONDS));
        assertEquals(name + " active after the update", Bundle.ACTIVE, bundle.getState());
        assertTrue(name + " " + before + " -> " + bundle.getVersion(),
                bundle.getVersion().toString().endsWith("hotfix"));
    }

    private static byte[] newerBuild(File jar) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(new FileInputStream(jar))) {
            Manifest manifest = in.getManifest();
            String v = manifest.getMainAttributes().getValue("Bundle-Version");
            manifest.getMainAttributes().putValue("Bundle-Version", v.substring(0, v.lastIndexOf('.')) + ".hotfix");
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                    out.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    private static <T> T get(ServiceTracker<T, T> tracker) throws InterruptedException {
        T s = tracker.waitForService(60_000);
        assertNotNull("service " + tracker, s);
        return s;
    }

    private static void awaitSomeJobRunning(ServiceTracker<UpgradeService, UpgradeService> upgrades, String campaignId)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                UpgradeService s = upgrades.getService();
                if (s != null && s.jobsOfCampaign(campaignId).stream().anyMatch(j -> j.state() != JobState.PENDING
                        && j.state() != JobState.DONE && j.state() != JobState.AWAITING_DECISION)) {
                    return;
                }
            } catch (RuntimeException e) {
                // the service is going away under an update
            }
            Thread.sleep(100);
        }
        // the campaign may already have ended; the assertions at the end say whether that is right
    }

    private static Campaign awaitCampaignEnd(ServiceTracker<CampaignService, CampaignService> campaigns, String id)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 240_000;
        Campaign c = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                CampaignService s = campaigns.getService();
                c = s == null ? c : s.campaign(id).orElse(c);
            } catch (RuntimeException e) {
                // restarting
            }
            if (c != null && c.state() != CampaignState.RUNNING && c.state() != CampaignState.PAUSED) {
                return c;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("campaign " + id + " did not end within 240 s: " + c);
    }
}
