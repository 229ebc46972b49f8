package org.uplift.workflow.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.CampaignState;
import org.uplift.api.workflow.DeviceSelection;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.StepRecord;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeRequest;
import org.uplift.api.workflow.WaveSize;
import org.uplift.repository.testing.Configs;
import org.uplift.workflow.store.DeviceBusy;
import org.uplift.workflow.store.JdbcJobStore;
import org.uplift.workflow.store.JobRecord;
import org.uplift.workflow.store.JobSummary;
import org.uplift.workflow.store.PostgresServer;
import org.uplift.workflow.store.StoreException;
import org.uplift.workflow.store.StoredJob;

/**
 * The tick that reads only the open slots and the waves' counts ({@link CampaignTick}) against the tick as it was
 * before, which read every slot and every job of the campaign ({@link #referenceTick}): on random campaigns in every
 * state (waves, thresholds, jobs in every state, start errors, claims fresh and lost, jobs started but not recorded,
 * a late start recorded over a start error), round after round as jobs move on and time passes, both must leave
 * the campaign the same and start the same devices; and the waves' counts must always be those of the settled slots.
 */
class CampaignTickTest {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final List<String> WAVES = List.of("100%", "1,100%", "1,50%,100%", "2", "25%");
    private static final List<JobState> ENDS = List.of(JobState.DONE, JobState.FAILED, JobState.ABORTED);
    private static final List<JobState> MOVES = List.of(JobState.DONE, JobState.FAILED, JobState.ABORTED,
            JobState.AWAITING_DECISION, JobState.UPDATE);

    @TempDir
    Path dir;

    @Test
    void givenRandomCampaignsOnH2_whenTickedRoundAfterRound_thenEachTickDoesWhatReadingEverySlotDid() throws Exception {
        Stores stores = new Stores(h2("equal"));
        for (int seed = 0; seed < 150; seed++) {
            Scenario s = new Scenario(stores, seed);
            s.persist(stores.campaigns::create);
            s.run();
        }
    }

    @Test
    void givenRandomCampaignsOnPostgres_whenTickedRoundAfterRound_thenEachTickDoesWhatReadingEverySlotDid()
            throws Exception {
        try (PostgresServer server = PostgresServer.startOrSkip()) {
            Stores stores = new Stores(server.newDatabase());
            for (int seed = 0; seed < 40; seed++) {
                Scenario s = new Scenario(stores, seed);
                s.persist(stores.campaigns::create);
                s.run();
            }
        }
    }

    /** Campaigns stored by the previous Uplift (campaign tables at version 1) go on as they would have there. */
    @Test
    void givenCampaignsStoredBeforeTheWaveCounts_whenTheTablesAreMigrated_thenTheirTicksDoWhatTheyDidBefore()
            throws Exception {
        DataSource ds = h2("migrated");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + CampaignSchema.VERSION_TABLE + " (version INTEGER NOT NULL PRIMARY KEY,"
                    + " description VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
            for (String sql : CampaignSchema.STEPS.get(0).statements()) {
                s.execute(sql);
            }
            s.execute("INSERT INTO " + CampaignSchema.VERSION_TABLE + " VALUES (1, 'campaigns', 0)");
        }
        JdbcJobStore jobs = new JdbcJobStore(ds);
        List<Scenario> scenarios = new ArrayList<>();
        for (int seed = 1000; seed < 1040; seed++) {
            Scenario s = new Scenario(new Stores(jobs, null, ds), seed);
            s.persist(c -> insertAsVersion1(ds, c));
            scenarios.add(s);
        }
        Stores stores = new Stores(jobs, new CampaignStore(ds), ds);
        for (Scenario s : scenarios) {
            s.stores = stores;
            s.run();
        }
    }

    /**
     * Two nodes' engines tick one campaign at once on one database while its jobs end: never more jobs under way than
     * the limit, no device started twice (a second start would be refused as busy and counted failed), and it ends
     * with every device done.
     */
    @Test
    @Timeout(120)
    void givenTwoEnginesOnOneStore_whenBothTickAsJobsEnd_thenTheLimitHoldsAndNoDeviceStartsTwice() throws Exception {
        DataSource ds = h2("shared");
        JdbcJobStore jobs = new JdbcJobStore(ds);
        CampaignStore store = new CampaignStore(ds);
        int devices = 60;
        int concurrency = 4;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            ids.add("d" + i);
        }
        List<WaveSize> waves = WaveSize.parseAll("10%,100%");
        store.create(new StoredCampaign("c-two", new CampaignRequest("2.0.0", DeviceSelection.list(ids), concurrency,
                waves, 0, RetryPolicy.ASK), CampaignState.RUNNING, "started", T0, T0, 0, 2, -1,
                WavePlan.slots(ids, waves)));
        Method tick = CampaignEngine.class.getDeclaredMethod("tick");
        tick.setAccessible(true);
        List<Thread> nodes = new ArrayList<>();
        AtomicBoolean over = new AtomicBoolean();
        for (int n = 0; n < 2; n++) {
            CampaignEngine engine = new CampaignEngine(
                    Configs.of(CampaignEngine.Config.class, Map.of("tickMillis", 3_600_000L)),
                    new StoringUpgrades(new JdbcJobStore(ds)), new CampaignStore(ds), new JdbcJobStore(ds), null);
            Thread node = new Thread(() -> {
                while (!over.get()) {
                    try {
                        tick.invoke(engine);
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }, "node-" + n);
            node.start();
            nodes.add(node);
        }
        Random random = new Random(7);
        int mostUnderWay = 0;
        try {
            while (store.find("c-two").orElseThrow().state() == CampaignState.RUNNING) {
                List<JobSummary> underWay = jobs.summariesOfCampaign("c-two").stream()
                        .filter(j -> !j.state().terminal()).toList();
                mostUnderWay = Math.max(mostUnderWay, underWay.size());
                assertTrue(underWay.size() <= concurrency, "at most " + concurrency + " under way: " + underWay);
                if (!underWay.isEmpty()) {
                    JobSummary job = underWay.get(random.nextInt(underWay.size()));
                    jobs.transition(job.id(), job.state(), new StepRecord(JobState.DONE, Instant.now(), "upgraded"),
                            r -> r);
                }
                Thread.sleep(2);
            }
        } finally {
            over.set(true);
            for (Thread node : nodes) {
                node.join();
            }
        }
        StoredCampaign end = store.find("c-two").orElseThrow();
        assertEquals(CampaignState.COMPLETED, end.state(), end.message());
        assertTrue(end.message().startsWith("completed: 60 of 60 devices upgraded"), end.message());
        List<JobSummary> all = jobs.summariesOfCampaign("c-two");
        assertEquals(devices, all.size(), "one job per device: " + all);
        assertEquals(devices, all.stream().map(JobSummary::deviceId).distinct().count());
        assertTrue(mostUnderWay > 1, "the nodes ran devices side by side: " + mostUnderWay);
    }

    /** Starts a job by storing it, as the upgrade engine does (which refuses a device that has one under way). */
    private record StoringUpgrades(JdbcJobStore store) implements StartOnlyUpgrades {

        @Override
        public Job start(UpgradeRequest request) throws UpgradeException {
            String id = "j-" + UUID.randomUUID();
            Instant now = Instant.now();
            try {
                store.create(new StoredJob(id, request.deviceId(), "fw-2.0.0", request.firmwareVersion(),
                        request.campaignId(), JobState.PENDING, now, now, JobRecord.EMPTY,
                        List.of(new StepRecord(JobState.PENDING, now, "accepted")), null, null));
            } catch (StoreException e) {
                throw new UpgradeException(UpgradeException.Reason.BUSY, e.getMessage(), e);
            }
            return new Job(id, request.deviceId(), "fw-2.0.0", request.firmwareVersion(), JobState.PENDING, now,
                    List.of(), request.campaignId());
        }
    }

    private DataSource h2(String name) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + dir.resolve(name) + ";LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=-1");
        return h2;
    }

    /** What CampaignRows.insert wrote before the campaign tables' step 2. */
    private static void insertAsVersion1(DataSource ds, StoredCampaign c) throws Exception {
        try (Connection con = ds.getConnection()) {
            try (PreparedStatement s = con.prepareStatement("INSERT INTO uplift_campaigns (id, firmware_version,"
                    + " selection_kind, selection_model, concurrency, waves, error_threshold, policy, state, message,"
                    + " current_wave, wave_count, threshold_cleared_wave, created_at, updated_at)"
                    + " VALUES (?, ?, 'LIST', NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                CampaignRequest r = c.request();
                s.setString(1, c.id());
                s.setString(2, r.firmwareVersion());
                s.setInt(3, r.concurrency());
                s.setString(4, WaveSize.format(r.waves()));
                s.setInt(5, r.errorThresholdPercent());
                s.setString(6, r.policy().toString());
                s.setString(7, c.state().name());
                s.setString(8, c.message());
                s.setInt(9, c.currentWave());
                s.setInt(10, c.waveCount());
                s.setInt(11, c.thresholdClearedWave());
                s.setLong(12, c.createdAt().toEpochMilli());
                s.setLong(13, c.updatedAt().toEpochMilli());
                s.executeUpdate();
            }
            try (PreparedStatement s = con.prepareStatement("INSERT INTO uplift_campaign_devices"
                    + " (campaign_id, seq, wave, device_id, job_id, start_error, claimed_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (Slot slot : c.slots()) {
                    s.setString(1, c.id());
                    s.setInt(2, slot.seq());
                    s.setInt(3, slot.wave());
                    s.setString(4, slot.deviceId());
                    s.setString(5, slot.jobId());
                    s.setString(6, slot.startError());
                    if (slot.claimedAt() == null) {
                        s.setNull(7, Types.BIGINT);
                    } else {
                        s.setLong(7, slot.claimedAt().toEpochMilli());
                    }
                    s.executeUpdate();
                }
            }
        }
    }

    private static final class Stores {
        final JdbcJobStore jobs;
        final CampaignStore campaigns;
        final DataSource dataSource;

        Stores(DataSource ds) throws Exception {
            this(new JdbcJobStore(ds), new CampaignStore(ds), ds);
        }

        Stores(JdbcJobStore jobs, CampaignStore campaigns, DataSource ds) {
            this.jobs = jobs;
            this.campaigns = campaigns;
            this.dataSource = ds;
        }
    }

    private interface Persist {
        void accept(StoredCampaign c) throws Exception;
    }

    /** One random campaign, left as nodes would leave it, then ticked round after round. */
    private static final class Scenario {
        final Random random;
        final int seed;
        final String id;
        Stores stores;
        Instant now = T0.plusSeconds(10);
        int jobCount;
        StoredCampaign initial;

        Scenario(Stores stores, int seed) throws Exception {
            this.stores = stores;
            this.seed = seed;
            this.random = new Random(seed);
            this.id = "c-" + seed;
            int devices = 1 + random.nextInt(10);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < devices; i++) {
                ids.add("s" + seed + "-d" + i);
            }
            List<WaveSize> waves = WaveSize.parseAll(WAVES.get(random.nextInt(WAVES.size())));
            List<Slot> slots = WavePlan.slots(ids, waves);
            int waveCount = slots.get(slots.size() - 1).wave() + 1;
            int current = random.nextInt(waveCount);
            CampaignRequest request = new CampaignRequest("2.0.0", DeviceSelection.list(ids), 1 + random.nextInt(4),
                    waves, List.of(0, 20, 50, 100).get(random.nextInt(4)), RetryPolicy.ASK);
            List<Slot> left = new ArrayList<>();
            for (Slot slot : slots) {
                left.add(slot.wave() < current ? ended(slot) : slot.wave() == current ? anyState(slot) : slot);
            }
            initial = new StoredCampaign(id, request, CampaignState.RUNNING, "started", T0, T0, current, waveCount,
                    random.nextInt(4) == 0 ? current : -1, left);
        }

        void persist(Persist how) throws Exception {
            how.accept(initial);
        }

        private Slot ended(Slot slot) throws Exception {
            return random.nextInt(4) == 0 ? slot.notStarted("device busy")
                    : slot.started(job(slot.deviceId(), ENDS.get(random.nextInt(ENDS.size()))));
        }

        private Slot anyState(Slot slot) throws Exception {
            return switch (random.nextInt(7)) {
                case 0 -> slot;
                case 1 -> slot.claimed(T0.plusSeconds(5));
                case 2 -> slot.claimed(T0.minusSeconds(600));
                case 3 -> {
                    // started by a node that stopped before recording it
                    job(slot.deviceId(), JobState.values()[random.nextInt(JobState.values().length)]);
                    yield slot.claimed(random.nextBoolean() ? T0 : T0.minusSeconds(600));
                }
                case 4 -> slot.notStarted("did not answer SNMP");
                default ->
                    slot.started(job(slot.deviceId(), JobState.values()[random.nextInt(JobState.values().length)]));
            };
        }

        private String job(String device, JobState state) throws Exception {
            String jobId = id + "-j" + (++jobCount);
            stores.jobs.create(new StoredJob(jobId, device, "fw-2.0.0", "2.0.0", id, state, now, now, JobRecord.EMPTY,
                    List.of(new StepRecord(state, now, "as left")), null, null));
            return jobId;
        }

        void run() throws Exception {
            CampaignStore campaigns = stores.campaigns;
            for (int round = 0; round < 40; round++) {
                StoredCampaign full = campaigns.find(id).orElseThrow();
                List<JobSummary> jobs = stores.jobs.summariesOfCampaign(id);
                StoredCampaign expected = referenceTick(full, jobs, now);
                CampaignTick.Outcome outcome = campaigns.advance(id, now).orElseThrow();
                StoredCampaign actual = campaigns.find(id).orElseThrow();
                String where = "seed " + seed + ", round " + round + ", before: " + full + ", jobs: " + jobs;
                assertEquals(expected, actual, where);
                assertEquals(full.state(), outcome.before().state(), where);
                assertEquals(expected.state(), outcome.after().state(), where);
                assertEquals(expected.slots().stream().filter(s -> now.equals(s.claimedAt())).toList(),
                        outcome.claimed(), where);
                assertCountsAreTheSettledSlots(where);
                if (actual.state() == CampaignState.PAUSED) {
                    // the operator resumes past the threshold, as CampaignEngine.resume does
                    campaigns.update(id, c -> c.withThresholdCleared(c.currentWave())
                            .withState(CampaignState.RUNNING, "resumed", now));
                } else if (actual.state() != CampaignState.RUNNING) {
                    return;
                }
                moveOn(outcome.claimed(), actual);
                now = now.plusSeconds(1 + random.nextInt(90));
            }
        }

        /** What nodes do between ticks: start (or not) what was claimed, jobs move on, a late start is recorded. */
        private void moveOn(List<Slot> claimed, StoredCampaign c) throws Exception {
            for (Slot slot : claimed) {
                switch (random.nextInt(5)) {
                    case 0, 1 -> stores.campaigns.recordStart(id, slot.started(job(slot.deviceId(), JobState.PENDING)));
                    case 2 -> stores.campaigns.recordStart(id, slot.notStarted("refused"));
                    case 3 -> job(slot.deviceId(), JobState.BACKUP); // the node stops before recording it
                    default -> {
                        // the node stops before starting it
                    }
                }
            }
            for (JobSummary job : stores.jobs.summariesOfCampaign(id)) {
                if (!job.state().terminal() && random.nextInt(3) == 0) {
                    stores.jobs.transition(job.id(), job.state(),
                            new StepRecord(MOVES.get(random.nextInt(MOVES.size())), now, "moved"), r -> r);
                }
            }
            if (random.nextInt(8) == 0) {
                Optional<Slot> errored = c.slots().stream().filter(s -> s.startError() != null).findFirst();
                if (errored.isPresent()) {
                    try {
                        // a start that outlived its claim, recorded after another node's start was refused
                        stores.campaigns.recordStart(id, errored.get().started(job(errored.get().deviceId(),
                                JobState.PENDING)));
                    } catch (DeviceBusy e) {
                        // the device has a job under way: no second one
                    }
                }
            }
        }

        private void assertCountsAreTheSettledSlots(String where) throws Exception {
            if (stores.dataSource == null) {
                return;
            }
            Map<Integer, List<Long>> counted = new TreeMap<>();
            Map<Integer, List<Long>> settled = new TreeMap<>();
            try (Connection con = stores.dataSource.getConnection()) {
                try (PreparedStatement s = con.prepareStatement("SELECT wave, devices, done_count, failed_count"
                        + " FROM uplift_campaign_waves WHERE campaign_id = ?")) {
                    s.setString(1, id);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            counted.put(r.getInt(1), List.of(r.getLong(2), r.getLong(3), r.getLong(4)));
                        }
                    }
                }
                try (PreparedStatement s = con.prepareStatement("SELECT wave, COUNT(*),"
                        + " SUM(CASE WHEN phase = 'DONE' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN phase = 'FAILED' THEN 1 ELSE 0 END)"
                        + " FROM uplift_campaign_devices WHERE campaign_id = ? GROUP BY wave")) {
                    s.setString(1, id);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            settled.put(r.getInt(1), List.of(r.getLong(2), r.getLong(3), r.getLong(4)));
                        }
                    }
                }
            }
            assertEquals(settled, counted, where);
        }
    }

    /**
     * The tick as it was before issue 16 item 4: every job and every slot of the campaign read, a job started but not
     * recorded adopted on any slot without one, a lost claim freed, then the old Progression on the status of every
     * slot.
     */
    static StoredCampaign referenceTick(StoredCampaign c, List<JobSummary> jobs, Instant now) {
        if (c.state() != CampaignState.RUNNING) {
            return c;
        }
        Map<String, JobState> states = new HashMap<>();
        Map<String, JobSummary> newestByDevice = new HashMap<>();
        jobs.forEach(j -> {
            states.put(j.id(), j.state());
            newestByDevice.put(j.deviceId(), j);
        });
        StoredCampaign next = c;
        for (Slot slot : c.slots()) {
            if (slot.jobId() != null || slot.startError() != null) {
                continue;
            }
            JobSummary job = newestByDevice.get(slot.deviceId());
            if (job != null) {
                next = next.withSlot(slot.started(job.id()));
            } else if (slot.claimedAt() != null && slot.claimedAt().plus(CampaignEngine.LOST_CLAIM).isBefore(now)) {
                next = next.withSlot(slot.unclaimed());
            }
        }
        for (int guard = 0; guard <= next.waveCount(); guard++) {
            Step step = referenceNext(next, CampaignViews.statuses(next, states));
            if (step instanceof Step.NextWave w) {
                next = next.withWave(w.wave(), now).withState(CampaignState.RUNNING, "wave " + (w.wave() + 1) + " of "
                        + next.waveCount() + " under way (" + next.wave(w.wave()).size() + " devices)", now);
            } else if (step instanceof Step.Pause p) {
                return next.withState(CampaignState.PAUSED, p.reason(), now);
            } else if (step instanceof Step.Complete d) {
                return next.withState(CampaignState.COMPLETED, d.message(), now);
            } else if (step instanceof Step.Start s) {
                for (Slot slot : s.slots()) {
                    next = next.withSlot(slot.claimed(now));
                }
                return next;
            } else {
                return next;
            }
        }
        return next;
    }

    /** Progression.next as it was, on the status of every slot. */
    private static Step referenceNext(StoredCampaign c, Map<Integer, SlotStatus> status) {
        List<Slot> wave = c.wave(c.currentWave());
        long failed = wave.stream().filter(s -> status.get(s.seq()) == SlotStatus.FAILED).count();
        if (c.thresholdClearedWave() != c.currentWave()
                && failed * 100 > (long) c.request().errorThresholdPercent() * wave.size()) {
            return new Step.Pause("paused: wave " + (c.currentWave() + 1) + " of " + c.waveCount() + " has " + failed
                    + " of " + wave.size() + " devices failed (" + (failed * 100 / wave.size())
                    + "%), more than the error threshold of " + c.request().errorThresholdPercent()
                    + "%. Look at them with uplift:campaign-show " + c.id() + ", then uplift:campaign-resume " + c.id()
                    + " to go on or uplift:campaign-cancel " + c.id());
        }
        if (wave.stream().allMatch(s -> status.get(s.seq()).ended())) {
            if (c.currentWave() + 1 < c.waveCount()) {
                return new Step.NextWave(c.currentWave() + 1);
            }
            long done = status.values().stream().filter(s -> s == SlotStatus.DONE).count();
            long allFailed = status.values().stream().filter(s -> s == SlotStatus.FAILED).count();
            return new Step.Complete("completed: " + done + " of " + c.slots().size() + " devices upgraded to "
                    + c.request().firmwareVersion()
                    + (allFailed == 0 ? "" : ", " + allFailed + " failed (see uplift:campaign-show " + c.id() + ")"));
        }
        long active = c.slots().stream().filter(s -> status.get(s.seq()).active()).count();
        int free = (int) Math.max(0, c.request().concurrency() - active);
        List<Slot> startable = wave.stream().filter(s -> status.get(s.seq()) == SlotStatus.PENDING).limit(free)
                .toList();
        return startable.isEmpty() ? new Step.Wait() : new Step.Start(startable);
    }
}
