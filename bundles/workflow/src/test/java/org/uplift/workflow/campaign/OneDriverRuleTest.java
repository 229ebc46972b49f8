package org.uplift.workflow.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.DeviceSelection;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobPlan;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.WaveSize;
import org.uplift.repository.testing.Configs;
import org.uplift.snmp.iad.UpliftIadDriver;
import org.uplift.workflow.engine.FleetFixture;
import org.uplift.workflow.engine.ForwardingDriver;
import org.uplift.workflow.store.JdbcJobStore;

/**
 * Issue 15 item 3: a campaign reads a device through the driver its job uses. Two drivers' sysObjectID prefixes
 * match the simulated IAD-1000 (1.3.6.1.4.1.32473.7.3.1): {@code uplift-iad} (1.3.6.1.4.1.32473.7), registered
 * first, and {@code iad-family} (1.3.6.1.4.1.32473.7.3), the longer prefix, which reports the device's model under
 * its family name. A campaign selecting that model finds the device only if it reads it through the longer
 * prefix (the first registered would say IAD-1000), and the job it starts plans with that same driver.
 */
@Timeout(60)
class OneDriverRuleTest extends FleetTest {

    private static final String FAMILY_MODEL = "IAD-1000-B";

    /** The real IAD driver, reporting the model as the family's driver names it. */
    private record FamilyDriver(DeviceDriver inner) implements ForwardingDriver {

        @Override
        public DeviceFacts facts(Device device) throws DeviceException {
            DeviceFacts f = inner.facts(device);
            return new DeviceFacts(f.sysObjectId(), f.sysUpTime(), FAMILY_MODEL, f.runningVersion(), f.keptVersion(),
                    f.formatVersion(), f.configDigest(), f.engineBoots());
        }

        /** The harness deactivates its drivers as DS would; the inner one's is package-private. */
        void deactivate() throws Exception {
            Method m = inner.getClass().getDeclaredMethod("deactivate");
            m.setAccessible(true);
            m.invoke(inner);
        }
    }

    @Test
    void givenTwoDriversMatchingADevice_whenACampaignSelectsByModel_thenSelectionAndJobBothUseTheLongerPrefix()
            throws Exception {
        fleet = FleetFixture.withDriver(dir, 1,
                new FamilyDriver(new UpliftIadDriver(Configs.of(UpliftIadDriver.Config.class,
                        Map.of("timeoutMillis", 300, "retries", 0)))),
                "iad-family", "1.3.6.1.4.1.32473.7.3");
        // the driver registered first: what the campaign read under the old first-match rule
        assertEquals("IAD-1000", fleet.driver().facts(fleet.inventory().device("iad-1").orElseThrow()).model());
        fleet.addFirmware(FAMILY_MODEL, "2.0.0", "1");
        campaigns = new CampaignEngine(Configs.of(CampaignEngine.Config.class, Map.of("tickMillis", 200L)),
                fleet.upgrades(), new CampaignStore(fleet.dataSource()), new JdbcJobStore(fleet.dataSource()),
                fleet.directory());
        campaigns.activate();

        Campaign started = campaigns.start(new CampaignRequest("2.0.0", DeviceSelection.model(FAMILY_MODEL), 1,
                WaveSize.parseAll("100%"), 100, RetryPolicy.parse("abort")));

        assertEquals(1, started.waves().get(0).devices(), "the device is read as " + FAMILY_MODEL + ": " + started);
        Job job = awaitJob(started.id());
        assertEquals("iad-1", job.deviceId());
        assertEquals(FAMILY_MODEL + "-2.0.0", job.firmwareId(), "the job read the model through the same driver");
        JobPlan.Step update = job.plan().steps().stream().filter(s -> s.name().equals("UPDATE")).findFirst()
                .orElseThrow();
        assertTrue(update.how().startsWith("iad-family downloads"), update.how());
        assertTrue(job.plan().steps().stream().noneMatch(s -> s.how().contains("uplift-iad")), job.plan().toString());
    }

    private Job awaitJob(String campaignId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<Job> jobs = fleet.upgrades().jobsOfCampaign(campaignId);
        while (jobs.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            jobs = fleet.upgrades().jobsOfCampaign(campaignId);
        }
        assertEquals(1, jobs.size(), jobs.toString());
        return jobs.get(0);
    }
}
