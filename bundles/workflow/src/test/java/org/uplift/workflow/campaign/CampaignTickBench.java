package org.uplift.workflow.campaign;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.uplift.api.device.Device;
import org.uplift.api.directory.DeviceDirectory;
import org.uplift.api.driver.DeviceDriver;
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
import org.uplift.workflow.store.JdbcJobStore;
import org.uplift.workflow.store.JobRecord;
import org.uplift.workflow.store.StoredJob;

/**
 * bench/campaign-tick-bench.sh: the campaign tick's CPU on a real H2 file database, driven as job ends drive it. A
 * campaign of N devices in one wave runs to its end: each round moves the oldest unfinished job to DONE and runs one
 * tick, which starts the next device. Prints the thread CPU time per tick and per device, with and without the
 * stand-in upgrade service's job inserts (the tick calls it to start each device). Figures only, nothing asserted;
 * runs only with {@code -Dbench=true}. Uses only what the campaign package had before the tick was reworked, so the
 * script can run it on an older checkout for the figures before.
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class CampaignTickBench {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    static {
        // one INFO line per started device would be most of what is measured
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }

    @TempDir
    Path dir;

    @Test
    void tickCost() throws Exception {
        int concurrency = Integer.getInteger("bench.concurrency", 32);
        List<Integer> sizes = new ArrayList<>();
        for (String s : System.getProperty("bench.sizes", "1000,5000,10000").split(",")) {
            sizes.add(Integer.parseInt(s.trim()));
        }
        // the JIT compiles the tick's code before anything is measured
        run(Integer.getInteger("bench.warmup", 2000), concurrency, "warm-up");
        List<String> lines = new ArrayList<>();
        for (int n : sizes) {
            lines.add(run(n, concurrency, "N=" + n));
        }
        System.out.println();
        System.out.println("campaign tick, one wave, concurrency " + concurrency + " (thread CPU; 'own' leaves out "
                + "the stand-in job inserts)");
        System.out.printf("%8s %8s %12s %12s %12s %12s %10s%n", "devices", "ticks", "us/tick", "own us/tick",
                "ms/device", "own ms/dev", "wall s");
        lines.forEach(System.out::println);
    }

    private String run(int devices, int concurrency, String name) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + folder.resolve("jobs") + ";DB_CLOSE_DELAY=-1");
        JdbcJobStore jobs = new JdbcJobStore(h2);
        CampaignStore store = new CampaignStore(h2);
        StubUpgrades upgrades = new StubUpgrades(jobs);
        CampaignEngine engine = new CampaignEngine(
                Configs.of(CampaignEngine.Config.class, Map.of("tickMillis", 3_600_000L)), upgrades, store, jobs,
                new NoDirectory());
        Method tick = CampaignEngine.class.getDeclaredMethod("tick");
        tick.setAccessible(true);

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            ids.add(String.format("dev-%06d", i));
        }
        List<WaveSize> waves = WaveSize.parseAll("100%");
        CampaignRequest request = new CampaignRequest("2.0.0", DeviceSelection.list(ids), concurrency, waves, 100,
                RetryPolicy.ASK);
        Instant now = Instant.now();
        store.create(new StoredCampaign("c-bench", request, CampaignState.RUNNING, "started", now, now, 0, 1, -1,
                WavePlan.slots(ids, waves)));

        long cpu = 0;
        long ticks = 0;
        long wall = System.nanoTime();
        upgrades.cpu = 0;
        long tickStart = THREADS.getCurrentThreadCpuTime();
        invoke(tick, engine);
        cpu += THREADS.getCurrentThreadCpuTime() - tickStart;
        ticks++;
        while (!upgrades.running.isEmpty()) {
            String done = upgrades.running.poll();
            StoredJob job = jobs.find(done).orElseThrow();
            jobs.transition(done, job.state(), new StepRecord(JobState.DONE, Instant.now(), "upgraded"), r -> r);
            tickStart = THREADS.getCurrentThreadCpuTime();
            invoke(tick, engine);
            cpu += THREADS.getCurrentThreadCpuTime() - tickStart;
            ticks++;
        }
        double wallSeconds = (System.nanoTime() - wall) / 1e9;
        StoredCampaign end = store.find("c-bench").orElseThrow();
        if (end.state() != CampaignState.COMPLETED || upgrades.started != devices) {
            throw new AssertionError(name + ": the campaign did not run through: " + end.state() + ", "
                    + upgrades.started + " of " + devices + " started; " + end.message());
        }
        long own = cpu - upgrades.cpu;
        String line = String.format("%8d %8d %12.1f %12.1f %12.3f %12.3f %10.1f", devices, ticks, cpu / 1e3 / ticks,
                own / 1e3 / ticks, cpu / 1e6 / devices, own / 1e6 / devices, wallSeconds);
        System.out.println(name + ": " + line);
        try (var c = h2.getConnection(); var s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
        return line;
    }

    private static void invoke(Method tick, CampaignEngine engine) throws Exception {
        try {
            tick.invoke(engine);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }

    /** Starts a job by storing it as the upgrade engine would, and keeps the ones not ended in start order. */
    private static final class StubUpgrades implements StartOnlyUpgrades {

        private final JdbcJobStore jobs;
        final Deque<String> running = new ArrayDeque<>();
        int started;
        /** Thread CPU spent storing jobs, which the real upgrade engine spends too, not the campaign. */
        long cpu;

        StubUpgrades(JdbcJobStore jobs) {
            this.jobs = jobs;
        }

        @Override
        public Job start(UpgradeRequest request) throws UpgradeException {
            long t0 = THREADS.getCurrentThreadCpuTime();
            String id = String.format("j-%07d", ++started);
            Instant now = Instant.now();
            try {
                jobs.create(new StoredJob(id, request.deviceId(), "fw-" + request.firmwareVersion(),
                        request.firmwareVersion(), request.campaignId(), JobState.PENDING, now, now, JobRecord.EMPTY,
                        List.of(new StepRecord(JobState.PENDING, now, "accepted")), null, null));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            running.add(id);
            cpu += THREADS.getCurrentThreadCpuTime() - t0;
            return new Job(id, request.deviceId(), "fw-" + request.firmwareVersion(), request.firmwareVersion(),
                    JobState.PENDING, now, List.of(), request.campaignId());
        }
    }

    /** The tick never resolves devices. */
    private static final class NoDirectory implements DeviceDirectory {

        @Override
        public List<Device> devices() {
            return List.of();
        }

        @Override
        public Optional<Device> device(String id) {
            return Optional.empty();
        }

        @Override
        public List<DeviceDriver> drivers(Device device) {
            return List.of();
        }

        @Override
        public String name(DeviceDriver driver) {
            return "none";
        }
    }
}
