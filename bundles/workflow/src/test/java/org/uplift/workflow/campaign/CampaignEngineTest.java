package org.uplift.workflow.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osgi.service.event.Event;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.CampaignState;
import org.uplift.api.workflow.DeviceSelection;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.api.workflow.WaveProgress;
import org.uplift.api.workflow.WaveSize;
import org.uplift.repository.testing.Configs;
import org.uplift.workflow.engine.FleetFixture;
import org.uplift.workflow.store.JdbcJobStore;

/**
 * Campaigns over the real workflow: a simulated fleet on loopback, real SNMP and TFTP, jobs and
 * campaigns in one H2 database.
 */
@Timeout(60)
class CampaignEngineTest extends FleetTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    private void start(int devices, String... faults) throws Exception {
        fleet = new FleetFixture(dir, devices, List.of(faults));
        campaigns = newCampaignEngine();
    }

    /** As DS activates it: a store on the shared DataSource, the upgrade service and its device directory bound. */
    private CampaignEngine newCampaignEngine() throws Exception {
        return newCampaignEngine(200L);
    }

    private CampaignEngine newCampaignEngine(long tickMillis) throws Exception {
        CampaignEngine engine = new CampaignEngine(
                Configs.of(CampaignEngine.Config.class, Map.of("tickMillis", tickMillis)),
                fleet.upgrades(), new CampaignStore(fleet.dataSource()), new JdbcJobStore(fleet.dataSource()),
                fleet.directory());
        engine.activate();
        return engine;
    }

    private static CampaignRequest request(DeviceSelection selection, int concurrency, String waves, int threshold,
            String policy) {
        return new CampaignRequest("2.0.0", selection, concurrency, WaveSize.parseAll(waves), threshold,
                RetryPolicy.parse(policy));
    }

    private static DeviceSelection devices(String... ids) {
        return DeviceSelection.list(List.of(ids));
    }

    private Campaign await(String id, Predicate<Campaign> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Campaign c = campaigns.campaign(id).orElseThrow();
        while (System.nanoTime() < deadline) {
            c = campaigns.campaign(id).orElseThrow();
            if (condition.test(c)) {
                return c;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("campaign " + id + " never got " + what + ": " + c);
    }

    private Campaign awaitState(String id, CampaignState state) throws InterruptedException {
        return await(id, c -> c.state() == state, state.name());
    }

    private List<Job> jobs(String id) {
        return fleet.upgrades().jobsOfCampaign(id);
    }

    @Test
    void givenFourDevicesOlderThanTheTarget_whenACampaignOf1ThenAllRunsTwoAtATime_thenAllAreUpgradedAndItCompletes()
            throws Exception {
        start(4);
        Campaign started = campaigns
                .start(request(DeviceSelection.olderThanTarget("IAD-1000"), 2, "1,100%", 0, "abort"));
        assertEquals(List.of(1, 3), started.waves().stream().map(WaveProgress::devices).toList());
        int mostUnfinished = 0;
        Campaign c = started;
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (c.state() == CampaignState.RUNNING && System.nanoTime() < deadline) {
            mostUnfinished = Math.max(mostUnfinished,
                    (int) jobs(c.id()).stream().filter(j -> !j.state().terminal()).count());
            Thread.sleep(50);
            c = campaigns.campaign(c.id()).orElseThrow();
        }
        assertEquals(CampaignState.COMPLETED, c.state(), c.toString());
        assertEquals(4, c.done(), c.toString());
        assertTrue(mostUnfinished <= 2, "at most 2 jobs at once, saw " + mostUnfinished);
        assertTrue(c.message().contains("4 of 4 devices upgraded to 2.0.0"), c.message());
        for (int i = 1; i <= 4; i++) {
            assertEquals("2.0.0", fleet.runningVersion(i), "iad-" + i);
        }
        assertEquals(Set.of("iad-1", "iad-2", "iad-3", "iad-4"),
                Set.copyOf(jobs(c.id()).stream().map(Job::deviceId).toList()));
    }

    @Test
    void givenATickTooLongToMatter_whenEventAdminDeliversTheEndOfAJob_thenTheNextDeviceStartsAtOnce() throws Exception {
        fleet = new FleetFixture(dir, 2, List.of());
        campaigns = newCampaignEngine(60_000L);
        String id = campaigns.start(request(devices("iad-1", "iad-2"), 1, "100%", 0, "abort")).id();
        Job first = awaitJobs(id, 1).get(0);
        while (!fleet.upgrades().job(first.id()).orElseThrow().state().terminal()) {
            Thread.sleep(50);
        }
        Thread.sleep(300);
        assertEquals(1, jobs(id).size(), "no tick has come, so nothing started the second device");

        campaigns.handleEvent(new Event(UpgradeService.TOPIC_JOB_STATE, Map.of("job.id", first.id(), "state", "DONE")));

        assertEquals("iad-2", awaitJobs(id, 2).get(1).deviceId());
    }

    private List<Job> awaitJobs(String campaignId, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (jobs(campaignId).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<Job> list = jobs(campaignId);
        assertEquals(count, list.size(), list.toString());
        return list;
    }

    @Test
    void givenTheFirstWaveFails_whenPastTheThreshold_thenItPausesAndResumeGoesOnToTheNextWave() throws Exception {
        start(3, "1=download-fail");
        String id = campaigns.start(request(devices("iad-1", "iad-2", "iad-3"), 2, "1,100%", 20, "abort")).id();
        Campaign paused = awaitState(id, CampaignState.PAUSED);
        assertTrue(paused.message().contains("wave 1 of 2") && paused.message().contains("error threshold of 20%"),
                paused.message());
        WaveProgress first = paused.waves().get(0);
        assertEquals(1, first.failed());
        assertTrue(first.failures().get(0).startsWith("iad-1: job ") && first.failures().get(0).contains("ABORTED"),
                first.failures().toString());
        Thread.sleep(600); // a few ticks: a paused campaign starts nothing
        assertEquals(1, jobs(id).size());
        assertEquals(2, campaigns.campaign(id).orElseThrow().waves().get(1).notStarted());

        fleet.sim(1).clearFaults();
        Campaign resumed = campaigns.resume(id);
        assertEquals(CampaignState.RUNNING, resumed.state());
        Campaign done = awaitState(id, CampaignState.COMPLETED);
        assertEquals(2, done.done(), done.toString());
        assertEquals(1, done.failed(), "the failed device stays failed");
        assertEquals("1.0.0", fleet.runningVersion(1));
        assertEquals("2.0.0", fleet.runningVersion(2));
        assertEquals("2.0.0", fleet.runningVersion(3));
    }

    @Test
    void givenARunningCampaign_whenCancelled_thenTheRunningJobEndsAndNoOtherStarts() throws Exception {
        start(3);
        String id = campaigns.start(request(devices("iad-1", "iad-2", "iad-3"), 1, "1,100%", 0, "abort")).id();
        await(id, c -> !jobs(id).isEmpty(), "a job");
        Campaign cancelled = campaigns.cancel(id);
        assertEquals(CampaignState.CANCELLED, cancelled.state());
        String jobId = jobs(id).get(0).id();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!fleet.upgrades().job(jobId).orElseThrow().state().terminal() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(JobState.DONE, fleet.upgrades().job(jobId).orElseThrow().state(),
                "the running job goes on to its end");
        Thread.sleep(600);
        assertEquals(1, jobs(id).size());
        Campaign after = campaigns.campaign(id).orElseThrow();
        assertEquals(CampaignState.CANCELLED, after.state());
        assertEquals(1, after.waves().get(0).done());
        assertEquals(2, after.waves().get(1).notStarted());
        UpgradeException e = assertThrows(UpgradeException.class, () -> campaigns.resume(id));
        assertTrue(e.getMessage().contains("not paused"), e.getMessage());
        assertEquals(UpgradeException.Reason.NOT_WAITING, e.reason());
        assertEquals(UpgradeException.Reason.UNKNOWN_CAMPAIGN,
                assertThrows(UpgradeException.class, () -> campaigns.resume("c-nope")).reason());
    }

    @Test
    void givenAnOperatorPause_whenResumed_thenTheCampaignFinishes() throws Exception {
        start(2);
        String id = campaigns.start(request(devices("iad-1", "iad-2"), 1, "1,100%", 0, "abort")).id();
        campaigns.pause(id);
        Thread.sleep(600);
        Campaign paused = campaigns.campaign(id).orElseThrow();
        assertEquals(CampaignState.PAUSED, paused.state());
        assertTrue(paused.message().contains("paused by the operator"), paused.message());
        assertEquals(UpgradeException.Reason.NOT_WAITING,
                assertThrows(UpgradeException.class, () -> campaigns.pause(id)).reason());
        campaigns.resume(id);
        Campaign done = awaitState(id, CampaignState.COMPLETED);
        assertEquals(2, done.done(), done.toString());
    }

    @Test
    void givenUpliftRestartsMidCampaign_whenItStartsAgain_thenTheCampaignGoesOnWithTheSameDevices() throws Exception {
        start(3);
        String id = campaigns.start(request(devices("iad-1", "iad-2", "iad-3"), 1, "1,100%", 0, "abort")).id();
        await(id, c -> c.currentWave() == 2, "to wave 2");
        campaigns.deactivate();
        fleet.restartEngine();
        campaigns = newCampaignEngine();
        Campaign done = awaitState(id, CampaignState.COMPLETED);
        assertEquals(3, done.done(), done.toString());
        for (int i = 1; i <= 3; i++) {
            assertEquals("2.0.0", fleet.runningVersion(i), "iad-" + i);
        }
        assertEquals(3, jobs(id).size(), "one job per device, none started twice");
    }

    @Test
    void givenADeviceThatAlreadyHasAJob_whenTheCampaignReachesIt_thenItIsRecordedAsNotStartedWithTheReason()
            throws Exception {
        start(2, "1=backup-fail");
        String other = fleet.upgrades().start("iad-1", "2.0.0").id();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (fleet.upgrades().job(other).orElseThrow().state() != JobState.AWAITING_DECISION
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        String id = campaigns.start(request(devices("iad-1", "iad-2"), 2, "100%", 100, "abort")).id();
        Campaign done = awaitState(id, CampaignState.COMPLETED);
        WaveProgress wave = done.waves().get(0);
        assertEquals(1, wave.done());
        assertEquals(1, wave.failed());
        assertTrue(wave.failures().get(0).startsWith("iad-1: not started: ") && wave.failures().get(0).contains(other),
                wave.failures().toString());
    }

    @Test
    void givenUnknownDevices_whenACampaignStarts_thenItIsRefusedNamingThem() throws Exception {
        start(1);
        UpgradeException e = assertThrows(UpgradeException.class,
                () -> campaigns.start(request(devices("iad-1", "nope-7"), 1, "100%", 0, "ask")));
        assertTrue(e.getMessage().contains("nope-7") && e.getMessage().contains("uplift:device-add"), e.getMessage());
        assertEquals(UpgradeException.Reason.UNKNOWN_DEVICE, e.reason());
        UpgradeException none = assertThrows(UpgradeException.class,
                () -> campaigns.start(request(DeviceSelection.model("OTHER-9"), 1, "100%", 0, "ask")));
        assertTrue(none.getMessage().startsWith("no device matches model OTHER-9"), none.getMessage());
        assertEquals(UpgradeException.Reason.INVALID_REQUEST, none.reason());
        assertTrue(campaigns.campaigns().isEmpty());
    }
}
