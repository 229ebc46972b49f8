package org.uplift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.security.MessageDigest;
import java.util.Hashtable;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.repository.BackupStore;
import org.uplift.api.repository.ConfigBackup;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.UpgradeService;

/**
 * The method (docs/design.md#method) end to end in a real Karaf: a simulated IAD is commanded over SNMP, backs its
 * configuration up over TFTP, downloads and loads new software, and gets its configuration back.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class UpgradeEndToEndIT extends UpgradeTestSupport {

    @Inject
    @Filter(timeout = 120_000)
    private BackupStore backups;

    @Inject
    @Filter(value = "(uplift.driver=uplift-iad)", timeout = 120_000)
    private DeviceDriver driver;

    /** What a host UI would receive: every Uplift event, through the real Event Admin. */
    private static final List<Event> EVENTS = new CopyOnWriteArrayList<>();

    @Configuration
    public Option[] config() {
        // device 1 is healthy; device 2 fails every firmware download; device 3 is reached over SNMPv3
        return uplift(3, "2=download-fail");
    }

    @Before
    public void listenLikeAHostUi() throws Exception {
        if (bundleContext.getServiceReferences(EventHandler.class.getName(), "(uplift.test=events)") == null) {
            bundleContext.registerService(EventHandler.class, EVENTS::add, new Hashtable<>(Map.of(
                    EventConstants.EVENT_TOPIC, new String[]{"org/uplift/*"}, "uplift.test", "events")));
        }
    }

    private List<Event> eventsOf(String jobId, String topic) {
        return EVENTS.stream().filter(e -> e.getTopic().equals(topic) && jobId.equals(e.getProperty("job.id")))
                .toList();
    }

    @Test
    public void givenAHealthyDevice_whenUpgradedFromTheShell_thenItRunsTheTargetWithItsConfigurationRestored()
            throws Exception {
        int port = intProperty(SIM_BASE_PORT);
        Device device = new Device("iad-1", "127.0.0.1", port, SnmpCredentials.v2c("private"), null);
        DeviceFacts before = driver.facts(device);
        assertEquals("1.0.0", before.runningVersion());
        assertEquals(64, before.configDigest().length());

        addFirmware("IAD-1000", "2.0.0");
        executeCommand("uplift:device-add --port " + port + " --community private iad-1 127.0.0.1");
        Job job = upgradedToDone("iad-1");
        assertEquals(FULL_PLAN, states(job));

        DeviceFacts after = driver.facts(device);
        assertEquals("2.0.0", after.runningVersion());
        assertEquals("old version kept for roll-back", "1.0.0", after.keptVersion());
        assertEquals("running configuration after the upgrade equals the one before", before.configDigest(),
                after.configDigest());

        ConfigBackup backup = backups.latest("iad-1").orElseThrow();
        assertEquals(before.configDigest(), backup.sha256());
        assertEquals("1.0.0", backup.firmwareVersion());
        byte[] content = backups.read("iad-1", backup.version());
        assertEquals(backup.sha256(), HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));

        awaitEvent(job.id(), UpgradeService.TOPIC_JOB_STATE, "DONE");
        for (int i = 0; i < 100
                && eventsOf(job.id(), UpgradeService.TOPIC_JOB_STATE).size() < job.history().size(); i++) {
            Thread.sleep(100); // Event Admin delivers asynchronously
        }
        List<Event> states = eventsOf(job.id(), UpgradeService.TOPIC_JOB_STATE);
        assertEquals("one event per transition", job.history().size(), states.size());
        assertTrue(states.stream()
                .allMatch(e -> "iad-1".equals(e.getProperty("device.id")) && e.getProperty("message") != null));

        String shown = executeCommand("uplift:job " + job.id());
        assertTrue(shown, shown.contains("VERIFY_RESTORE") && shown.contains("DONE"));

        // configuration migration (docs/design.md#config-migration) from the shell: the registered chain, and what a conversion of this backup would change
        String chains = executeCommand("uplift:migrations");
        assertTrue(chains, chains.contains("1 -> 2 -> 3"));
        String diff = executeCommand("uplift:config-migrate --to 3 --dry-run iad-1");
        assertTrue(diff, diff.contains("-format=1") && diff.contains("+format=3")
                && diff.contains("+register-interval-ms=3600000") && diff.contains("+[protocol sip]"));
        assertEquals("a dry run stores nothing", 1, backups.history("iad-1").size());
    }

    @Test
    public void givenADeviceWhoseDownloadFails_whenTheOperatorAborts_thenTheDeviceKeepsItsOldVersionAndConfiguration()
            throws Exception {
        int port = intProperty(SIM_BASE_PORT) + 1;
        Device device = new Device("iad-2", "127.0.0.1", port, SnmpCredentials.v2c("private"), null);
        DeviceFacts before = driver.facts(device);
        addFirmware("IAD-1000", "2.0.0");
        executeCommand("uplift:device-add --port " + port + " --community private iad-2 127.0.0.1");
        try {
            executeCommand("uplift:upgrade --firmware 2.0.0 --wait --timeout 120 iad-2");
            fail("--wait must report the job that did not finish");
        } catch (Exception expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("1 waiting for a decision"));
        }
        Job job = onlyJobOf("iad-2");
        assertEquals("a failed update asks the operator", JobState.AWAITING_DECISION, job.state());
        assertTrue(job.lastMessage(),
                job.lastMessage().startsWith("UPDATE failed") && job.lastMessage().contains("transferFailed"));
        assertTrue("the failure message came as the device's notification: " + job.lastMessage(),
                job.lastMessage().contains("(notification 1.3.6.1.4.1.32473.7.0.1)"));
        assertFalse("the backup was taken before the update", backups.history("iad-2").isEmpty());

        Event decisionNeeded = awaitEvent(job.id(), UpgradeService.TOPIC_DECISION_NEEDED, "AWAITING_DECISION");
        assertEquals("UPDATE", decisionNeeded.getProperty("failed.step"));

        String out = executeCommand("uplift:abort " + job.id());
        assertTrue(out, out.contains("ROLLBACK"));
        Job ended = awaitEnd(job.id());
        assertEquals(ended.history().toString(), JobState.ABORTED, ended.state());
        assertTrue(ended.history().stream().anyMatch(r -> r.state() == JobState.VERIFY_ROLLBACK));
        DeviceFacts after = driver.facts(device);
        assertEquals("device still runs its old version", "1.0.0", after.runningVersion());
        assertEquals("and its old configuration", before.configDigest(), after.configDigest());
    }

    @Test
    public void givenAnSnmpV3Device_whenAddedFromTheShellAndUpgraded_thenItIsDoneOverAuthPrivAndNoSecretIsShown()
            throws Exception {
        int port = intProperty(SIM_BASE_PORT) + 2;
        addFirmware("IAD-1000", "2.0.0");
        String added = executeCommand("uplift:device-add --v3-user uplift --auth-pass uplift-auth-pass"
                + " --priv-pass uplift-priv-pass --port " + port + " iad-3 127.0.0.1");
        String listed = executeCommand("uplift:device-list");
        for (String text : List.of(added, listed)) {
            assertTrue(text, text.contains("v3 user=uplift") && !text.contains("uplift-auth-pass")
                    && !text.contains("uplift-priv-pass"));
        }
        executeCommand("uplift:upgrade --firmware 2.0.0 --wait --timeout 120 iad-3");
        Job job = onlyJobOf("iad-3");
        assertEquals(job.history().toString(), JobState.DONE, job.state());
        Device v3 = new Device("iad-3", "127.0.0.1", port,
                SnmpCredentials.v3("uplift", "uplift-auth-pass", "uplift-priv-pass"), null);
        assertEquals("2.0.0", driver.facts(v3).runningVersion());
        try {
            driver.facts(new Device("iad-3", "127.0.0.1", port,
                    SnmpCredentials.v3("uplift", "wrong-pass-1", "uplift-priv-pass"), null));
            fail("a wrong passphrase must be refused");
        } catch (DeviceException e) {
            assertFalse(e.getMessage(), e.getMessage().contains("wrong-pass-1"));
        }
    }

    private Event awaitEvent(String jobId, String topic, String state) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            for (Event e : eventsOf(jobId, topic)) {
                if (state.equals(e.getProperty("state"))) {
                    return e;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError(
                "no " + topic + " event with state " + state + " for job " + jobId + "; got " + EVENTS);
    }

    private Job awaitEnd(String jobId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            Job job = upgrades.job(jobId).orElseThrow();
            if (job.state().terminal() || job.state() == JobState.AWAITING_DECISION) {
                return job;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + jobId + " did not end within 60 s: " + upgrades.job(jobId));
    }
}
