package org.uplift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.util.tracker.ServiceTracker;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.StepRecord;
import org.uplift.api.workflow.UpgradeService;

/**
 * Hot deploy: the workflow bundle is updated (from its own jar, as a new build would be deployed) while
 * a job is in UPDATE or VERIFY_UPDATE; the new bundle revision takes the job up and finishes it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeployIT extends UpliftTestSupport {

    private static final String WORKFLOW_JAR = "uplift.it.workflowJar";

    @Inject
    @Filter(value = "(uplift.driver=uplift-iad)", timeout = 120_000)
    private DeviceDriver driver;

    @Configuration
    public Option[] config() {
        String version = System.getProperty("project.version");
        File jar = new File(System.getProperty("uplift.root"), "bundles/workflow/target/workflow-" + version + ".jar");
        // a reboot of 4 s keeps the update in flight while the bundle is replaced
        return uplift(1, "", editConfigurationFilePut("etc/system.properties", WORKFLOW_JAR, jar.getAbsolutePath()),
                editConfigurationFilePut("etc/org.uplift.simulator.cfg", "rebootSeconds", "4"));
    }

    @Test
    public void givenAJobInUpdate_whenTheWorkflowBundleIsUpdated_thenTheNewRevisionFinishesTheJob() throws Exception {
        ServiceTracker<UpgradeService, UpgradeService> upgrades = new ServiceTracker<>(bundleContext,
                UpgradeService.class, null);
        upgrades.open();
        try {
            int port = intProperty(SIM_BASE_PORT);
            Device device = new Device("iad-1", "127.0.0.1", port, SnmpCredentials.v2c("private"), null);
            DeviceFacts before = driver.facts(device);
            addFirmware("IAD-1000", "2.0.0");
            executeCommand("uplift:device-add --port " + port + " --community private iad-1 127.0.0.1");
            String started = executeCommand("uplift:upgrade --firmware 2.0.0 iad-1");
            assertTrue(started, started.contains("started"));
            String jobId = service(upgrades).jobs().stream().filter(j -> j.deviceId().equals("iad-1")).findFirst()
                    .orElseThrow().id();

            Job inFlight = await(upgrades, jobId, Set.of(JobState.UPDATE, JobState.VERIFY_UPDATE), 60_000);
            Bundle workflow = Arrays.stream(bundleContext.getBundles())
                    .filter(b -> "org.uplift.workflow".equals(b.getSymbolicName())).findFirst().orElseThrow();
            UpgradeService old = service(upgrades);
            long modified = workflow.getLastModified();
            try (InputStream in = new FileInputStream(System.getProperty(WORKFLOW_JAR))) {
                workflow.update(in);
            }
            assertEquals(Bundle.ACTIVE, workflow.getState());
            assertNotEquals("the bundle was replaced", modified, workflow.getLastModified());

            Job done = await(upgrades, jobId, Set.of(JobState.DONE, JobState.AWAITING_DECISION, JobState.ABORTED,
                    JobState.FAILED), 90_000);
            assertTrue("the engine is a new instance from the new revision", service(upgrades) != old);
            assertEquals(done.history().toString(), JobState.DONE, done.state());
            assertTrue("the job was in " + inFlight.state() + " when the bundle was updated: " + done.history(),
                    done.history().stream().anyMatch(r -> r.message().contains("resumed on node")));
            List<JobState> states = done.history().stream().map(StepRecord::state).toList();
            assertEquals("backed up once: " + states, 1, states.stream().filter(s -> s == JobState.BACKUP).count());
            DeviceFacts after = driver.facts(device);
            assertEquals("2.0.0", after.runningVersion());
            assertEquals("1.0.0", after.keptVersion());
            assertEquals("the running configuration is the one before the upgrade", before.configDigest(),
                    after.configDigest());
        } finally {
            upgrades.close();
        }
    }

    /** The current UpgradeService: the object changes when the bundle is updated. */
    private static UpgradeService service(ServiceTracker<UpgradeService, UpgradeService> tracker)
            throws InterruptedException {
        UpgradeService s = tracker.waitForService(60_000);
        assertNotNull("no UpgradeService within 60 s", s);
        return s;
    }

    private static Job await(ServiceTracker<UpgradeService, UpgradeService> tracker, String jobId, Set<JobState> states,
            long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        Job job = null;
        while (System.currentTimeMillis() < deadline) {
            UpgradeService s = tracker.getService();
            if (s != null) {
                try {
                    job = s.job(jobId).orElse(job);
                } catch (RuntimeException e) {
                    // the service is going away under the update: ask the next one
                }
                if (job != null && states.contains(job.state())) {
                    return job;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job " + jobId + " not in " + states + " within " + timeoutMillis + " ms: " + job);
    }
}
