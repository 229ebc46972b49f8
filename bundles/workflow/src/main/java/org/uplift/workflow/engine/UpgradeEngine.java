package org.uplift.workflow.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.device.Device;
import org.uplift.api.device.DeviceInventory;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceEvents;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.OperationType;
import org.uplift.api.migration.MigrationException;
import org.uplift.api.migration.MigrationService;
import org.uplift.api.repository.BackupStore;
import org.uplift.api.repository.FileServer;
import org.uplift.api.repository.FirmwareCatalog;
import org.uplift.api.repository.FirmwareImage;
import org.uplift.api.workflow.Decider;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.DecisionRecord;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobPage;
import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.JobQuery;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.OperatorDecisions;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.StepRecord;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeRequest;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.workflow.DataDirectory;
import org.uplift.workflow.store.JobRecord;
import org.uplift.workflow.store.JobStore;
import org.uplift.workflow.store.StoreException;
import org.uplift.workflow.store.StoredJob;

/**
 * Starts jobs after checking they can run, runs them on a bounded pool, and takes up every job
 * whose lease is free: its own after a restart or a hot deploy, another node's after that node died.
 */
@Component(service = UpgradeService.class, configurationPid = "org.uplift.workflow")
@Designate(ocd = WorkflowConfig.class)
public class UpgradeEngine implements UpgradeService {

    private static final Logger LOG = LoggerFactory.getLogger(UpgradeEngine.class);

    /** States a node takes up by itself; a job awaiting a decision waits for one, holding nothing. */
    private static final Set<JobState> CLAIMABLE = EnumSet.complementOf(
            EnumSet.of(JobState.AWAITING_DECISION, JobState.DONE, JobState.ABORTED, JobState.FAILED));

    /** States whose step is simply entered again after a restart; the history says so. */
    private static final Set<JobState> REENTERED = EnumSet.of(JobState.BACKUP, JobState.UPDATE, JobState.VERIFY_UPDATE,
            JobState.MIGRATE_CONFIG, JobState.RESTORE, JobState.ROLLBACK);

    private final Services services;
    private final JobStore store;
    private final Transit transit;
    private final Transit operator;
    private final String nodeId;
    private final Duration lease;
    private final int capacity;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Map<String, Future<?>> futures = new ConcurrentHashMap<>();
    /** When the leases were last renewed, by System.nanoTime (a node's wall clock may jump). */
    private volatile long renewedAt = System.nanoTime();
    private final DriverSelector drivers = new DriverSelector();
    private final LiveTransfers liveTransfers = new LiveTransfers();
    private final List<DeviceInventory> inventories = new CopyOnWriteArrayList<>();
    private final List<OperatorDecisions> operatorDecisions = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    /** Completion notifications from devices (claims 3, 8, 13); without it steps poll. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile DeviceEvents deviceEvents;

    @Activate
    public UpgradeEngine(WorkflowConfig config, @Reference FirmwareCatalog catalog, @Reference BackupStore backups,
            @Reference FileServer fileServer, @Reference MigrationService migrations, @Reference JobStore store) {
        Clock clock = Clock.systemUTC();
        this.services = new Services(catalog, backups, fileServer, migrations, clock,
                Services.Settings.of(config, DataDirectory.resolve(config.workDirectory(), "work")));
        this.store = store;
        this.nodeId = config.nodeId().isBlank() ? System.getProperty("karaf.name", "uplift") : config.nodeId();
        this.transit = new Transit(store, clock, () -> eventAdmin,
                new WorkFolders(services.settings().workDirectory())::ended, nodeId);
        this.operator = transit.forOperator();
        this.lease = Duration.ofSeconds(Math.max(3, config.leaseSeconds()));
        this.capacity = Math.max(1, config.maxConcurrentJobs());
        this.executor = Executors.newFixedThreadPool(capacity, threads("uplift-job-"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(threads("uplift-claims-"));
        long cycle = Math.max(1, lease.toMillis() / 3);
        // the first cycle waits one period so DS can bind the dynamic drivers and inventories first
        scheduler.scheduleWithFixedDelay(this::claimAndRenew, cycle, cycle, TimeUnit.MILLISECONDS);
        LOG.info("Upgrade engine on node '{}' (lease {} s, {} concurrent jobs)", nodeId, lease.toSeconds(), capacity);
    }

    private static java.util.concurrent.ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        scheduler.shutdownNow();
        executor.shutdownNow();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("Some upgrade jobs did not stop within 10 s");
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDriver(DeviceDriver driver, Map<String, Object> properties) {
        drivers.add(driver, properties);
    }

    void removeDriver(DeviceDriver driver) {
        drivers.remove(driver);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addInventory(DeviceInventory inventory) {
        inventories.add(inventory);
    }

    void removeInventory(DeviceInventory inventory) {
        inventories.remove(inventory);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDecisions(OperatorDecisions decisions) {
        operatorDecisions.add(decisions);
    }

    void removeDecisions(OperatorDecisions decisions) {
        operatorDecisions.remove(decisions);
    }

    @Override
    public Job start(String deviceId, String firmwareVersion) throws UpgradeException {
        return start(deviceId, firmwareVersion, RetryPolicy.ASK);
    }

    @Override
    public Job start(String deviceId, String firmwareVersion, RetryPolicy policy) throws UpgradeException {
        return start(new UpgradeRequest(deviceId, firmwareVersion, policy, null));
    }

    @Override
    public List<Job> jobsOfCampaign(String campaignId) {
        try {
            return store.ofCampaign(campaignId).stream().map(UpgradeEngine::toJob).toList();
        } catch (StoreException e) {
            LOG.warn("Cannot list the jobs of campaign {}: {}", campaignId, e.getMessage());
            return List.of();
        }
    }

    @Override
    public Job start(UpgradeRequest request) throws UpgradeException {
        String deviceId = request.deviceId();
        String firmwareVersion = request.firmwareVersion();
        RetryPolicy policy = request.policy();
        Device device = findDevice(deviceId);
        JobTarget target;
        try {
            target = target(device);
        } catch (StepFailure e) {
            throw new UpgradeException(e.getMessage());
        }
        DeviceFacts facts = readFacts(target);
        if (facts.model().isBlank()) {
            throw new UpgradeException("device " + deviceId + " not touched: none of its drivers ("
                    + String.join(", ", target.reader().drivers().stream().map(drivers::name).distinct().toList())
                    + ") reads its model, so no firmware can be chosen for it");
        }
        FirmwareImage image = services.catalog().find(facts.model(), firmwareVersion)
                .orElseThrow(() -> new UpgradeException("no firmware " + firmwareVersion + " for model " + facts.model()
                        + " (device " + deviceId + ") in the catalogue: add it with uplift:firmware-add"));
        if (image.version().equals(facts.runningVersion())) {
            throw new UpgradeException("device " + deviceId + " already runs " + firmwareVersion);
        }
        JobPlanner.Planned planned = new JobPlanner(services.catalog(), services.fileServer(), services.migrations(),
                drivers::name).plan(device, target.reader(), target.commanders(), facts, image);
        Instant now = services.clock().instant();
        String id = UUID.randomUUID().toString().substring(0, 8);
        StepRecord first = new StepRecord(JobState.PENDING, now, "upgrade " + facts.model() + " from "
                + facts.runningVersion() + " to " + image.version() + " (policy " + policy + "); plan: "
                + String.join("; ", planned.plan().lines()));
        JobRecord record = JobRecord.planned(policy, planned.plan(), planned.oldImage().map(FirmwareImage::id));
        StoredJob job = new StoredJob(id, deviceId, image.id(), image.version(), request.campaignId(), JobState.PENDING, now, now,
                record, List.of(first), nodeId, now.plus(lease));
        try {
            store.create(job);
        } catch (StoreException e) {
            throw new UpgradeException(e.getMessage(), e);
        }
        transit.publish(job, first);
        submit(job, false);
        return toJob(job);
    }

    @Override
    public Job decide(String jobId, Decision decision) throws UpgradeException {
        return decide(jobId, 0, decision, Decider.UNKNOWN);
    }

    /** {@code prompt} 0 answers whichever prompt is open (callers that do not name one). */
    @Override
    public Job decide(String jobId, int prompt, Decision decision, Decider decider) throws UpgradeException {
        try {
            StoredJob job = store.find(jobId).orElseThrow(() -> new UpgradeException("no job '" + jobId + "'"));
            if (prompt > 0 && prompt != job.prompt() || prompt > 0 && job.state() != JobState.AWAITING_DECISION) {
                throw notOpen(job, prompt);
            }
            if (job.state().terminal() || (job.state() != JobState.AWAITING_DECISION && decision == Decision.RETRY)) {
                throw new UpgradeException("job " + jobId + " is " + job.state() + ", not waiting for a decision");
            }
            if (job.state() != JobState.AWAITING_DECISION) {
                job = stop(job);
            }
            DecisionRecord answer = new DecisionRecord(job.prompt(), decision, decider.by(), decider.from(),
                    services.clock().instant());
            StoredJob moved;
            try {
                moved = JobDriver.apply(operator, job, decision, decider.by() + " (" + decider.from() + ")", answer);
            } catch (Superseded e) {
                throw notOpen(transit.reload(job), answer.prompt());
            }
            scheduler.execute(this::claimAndRenew);
            return toJob(moved);
        } catch (StoreException e) {
            throw new UpgradeException("cannot record the decision for job " + jobId + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpgradeException("interrupted while stopping job " + jobId);
        }
    }

    /** Who answered the prompt already, from the job's own fields; or what the job waits for instead. */
    private static UpgradeException notOpen(StoredJob job, int prompt) {
        DecisionRecord d = job.decided();
        if (d != null && d.prompt() == prompt) {
            return new UpgradeException("job " + job.id() + ": prompt " + prompt + " already decided by " + d.by()
                    + " (" + d.from() + ") at " + d.at() + ": " + d.decision());
        }
        return new UpgradeException("job " + job.id() + ": prompt " + prompt + " is not open; the job is " + job.state()
                + (job.state() == JobState.AWAITING_DECISION ? " on prompt " + job.prompt() : "")
                + " (another operator or node changed it meanwhile?): look again");
    }

    /**
     * Stops a running (or stuck) job so the operator can end it: its thread here is interrupted, and
     * the stop is recorded as a failure of the step it was in, so the usual abort path follows.
     */
    private StoredJob stop(StoredJob job) throws StoreException, InterruptedException, UpgradeException {
        Future<?> driver = drivers(job.id());
        if (driver != null) {
            driver.cancel(true);
        }
        for (int i = 0; i < 100 && running.contains(job.id()); i++) {
            Thread.sleep(100);
        }
        for (int attempt = 0; attempt < 5; attempt++) {
            StoredJob now = transit.reload(job);
            if (now.state() == JobState.AWAITING_DECISION || now.state().terminal()) {
                if (now.state().terminal()) {
                    throw new UpgradeException("job " + job.id() + " ended meanwhile: " + now.state());
                }
                return now;
            }
            try {
                return operator.move(now, JobState.AWAITING_DECISION, now.state() + " stopped by the operator",
                        r -> r.withFailure(now.state(), "stopped by the operator", false));
            } catch (Superseded e) {
                // it moved on meanwhile (another node, or the step ended): look again
            }
        }
        throw new UpgradeException("job " + job.id() + " keeps changing; try again");
    }

    private Future<?> drivers(String jobId) {
        return futures.get(jobId);
    }

    /** Takes up jobs whose lease is free (after a restart, or another node's death) and keeps ours alive. */
    private void claimAndRenew() {
        try {
            Set<String> driving = Set.copyOf(running);
            Set<String> held;
            try {
                held = store.renew(nodeId, lease);
            } catch (StoreException e) {
                if (System.nanoTime() - renewedAt > lease.toNanos()) {
                    stopDriving(driving, "its lease could not be renewed for longer than the lease (" + e.getMessage() + ")");
                }
                throw e;
            }
            renewedAt = System.nanoTime();
            stopDriving(driving.stream().filter(id -> !held.contains(id)).toList(),
                    "its lease ran out before this node renewed it (this node paused, or the store was unreachable)");
            int free = capacity - running.size();
            if (free <= 0) {
                return;
            }
            for (StoredJob job : store.claim(nodeId, lease, free + running.size(), CLAIMABLE)) {
                if (!running.contains(job.id())) {
                    submit(job, true);
                }
            }
        } catch (StoreException e) {
            LOG.warn("Cannot claim or renew jobs on node {}: {}", nodeId, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Claim cycle failed on node {}", nodeId, e);
        }
    }

    /**
     * A job whose lease this node may have lost is no longer driven here: another node may take it up, and
     * its writes would be refused anyway. Only jobs running when the renewal started are judged.
     */
    private void stopDriving(Collection<String> jobIds, String why) {
        for (String id : jobIds) {
            Future<?> driver = futures.get(id);
            if (driver != null && running.contains(id)) {
                LOG.warn("Node {} stops driving job {}: {}", nodeId, id, why);
                driver.cancel(true);
            }
        }
    }

    private void submit(StoredJob job, boolean resumed) {
        if (!running.add(job.id())) {
            return;
        }
        try {
            StoredJob current = job;
            JobTarget target = target(job);
            if (resumed && REENTERED.contains(job.state()) && !decidedJustNow(job)) {
                current = transit.move(job, job.state(), "resumed on node " + nodeId
                        + " after Uplift restarted mid-step: the device is read back before the step goes on");
            }
            futures.put(job.id(), executor.submit(new JobDriver(current, new Steps(services, transit, target,
                    () -> deviceEvents, liveTransfers, job.id()), transit, this::decide, this::exited)));
        } catch (StepFailure e) {
            running.remove(job.id());
            if (resumed) {
                // inventories and drivers are dynamic services that may bind after this engine starts
                // (or a host's inventory is briefly away): leave the job for the next claim cycle
                LOG.warn("Job {} not resumed yet: {}", job.id(), e.getMessage());
                release(job);
            } else {
                fail(job, e.getMessage());
            }
        } catch (StoreException | Superseded e) {
            running.remove(job.id());
            LOG.warn("Job {} not taken up: {}", job.id(), e.getMessage());
        } catch (java.util.concurrent.RejectedExecutionException e) {
            running.remove(job.id());
        }
    }

    /** Taken up right after a decision: its last move was the decision's, into the state the job is in. */
    private static boolean decidedJustNow(StoredJob job) {
        return job.record().decidedInto(job.state());
    }

    private void release(StoredJob job) {
        try {
            store.release(job.id(), nodeId);
        } catch (StoreException e) {
            LOG.warn("Cannot release job {}: {}", job.id(), e.getMessage());
        }
    }

    /** A job that ended or waits for a decision holds no lease: after a decision any node may take it up. */
    private void exited(StoredJob job) {
        futures.remove(job.id());
        running.remove(job.id());
        if (job.state().terminal() || job.state() == JobState.AWAITING_DECISION) {
            release(job);
        }
    }

    private void fail(StoredJob job, String reason) {
        try {
            transit.move(job, JobState.FAILED, job.state() + " failed: " + reason);
        } catch (StoreException | Superseded | IllegalStateException e) {
            LOG.warn("Job {} could not be marked failed: {}", job.id(), e.getMessage());
        }
    }

    /** The policy first, then any registered OperatorDecisions, else the operator (the job waits). */
    private Optional<JobDriver.Decided> decide(StoredJob job, JobState failedStep, String reason) {
        RetryPolicy policy = job.record().policy();
        if (job.record().attempts(failedStep) <= policy.retries()) {
            return Optional.of(new JobDriver.Decided(Decision.RETRY, JobDriver.byPolicy(job, failedStep, Decision.RETRY)));
        }
        if (policy.thenAbort()) {
            return Optional.of(new JobDriver.Decided(Decision.ABORT, JobDriver.byPolicy(job, failedStep, Decision.ABORT)));
        }
        Job snapshot = toJob(job);
        for (OperatorDecisions d : operatorDecisions) {
            try {
                Optional<Decision> answer = d.decide(snapshot, failedStep, reason);
                if (answer.isPresent()) {
                    return Optional.of(new JobDriver.Decided(answer.get(), "OperatorDecisions " + d.getClass().getName()
                            + " (policy " + policy + " left it open)"));
                }
            } catch (RuntimeException e) {
                LOG.warn("OperatorDecisions {} failed for job {}: {}", d.getClass().getName(), job.id(), e.toString());
            }
        }
        LOG.warn("Job {} on device {} waits for a decision: uplift:retry {} or uplift:abort {}", job.id(), job.deviceId(),
                job.id(), job.id());
        return Optional.empty();
    }

    private JobTarget target(StoredJob job) throws StepFailure {
        try {
            return target(findDevice(job.deviceId()));
        } catch (UpgradeException e) {
            throw new StepFailure(e.getMessage());
        }
    }

    /** The device's drivers: per operation the first that can command it, per fact the first that reads it. */
    private JobTarget target(Device device) throws StepFailure {
        Map<OperationType, DeviceDriver> commanders = new EnumMap<>(OperationType.class);
        for (OperationType type : OperationType.values()) {
            try {
                commanders.put(type, drivers.forOperation(device, type));
            } catch (StepFailure e) {
                // a device need not support every operation: the job's plan says what is done instead
            }
        }
        InetAddress address = resolve(device, device.host());
        Set<InetAddress> alsoFrom = device.transferSource() == null ? Set.of()
                : Set.of(resolve(device, device.transferSource()));
        return new JobTarget(device, new DeviceReader(drivers.drivers(device)), commanders, address, alsoFrom);
    }

    private static InetAddress resolve(Device device, String host) throws StepFailure {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new StepFailure("cannot resolve device " + device.id() + " address '" + host + "'", e);
        }
    }

    private Device findDevice(String deviceId) throws UpgradeException {
        for (DeviceInventory inventory : inventories) {
            Optional<Device> device = inventory.device(deviceId);
            if (device.isPresent()) {
                return device.get();
            }
        }
        throw new UpgradeException("unknown device '" + deviceId + "': add it with uplift:device-add");
    }

    private static DeviceFacts readFacts(JobTarget target) throws UpgradeException {
        try {
            return target.reader().read(target.device());
        } catch (DeviceException e) {
            throw new UpgradeException("cannot read device " + target.device().id() + " before upgrading it: "
                    + e.getMessage(), e);
        }
    }

    private static Job toJob(StoredJob j) {
        return new Job(j.id(), j.deviceId(), j.firmwareId(), j.targetVersion(), j.state(), j.createdAt(), j.history(),
                j.campaignId(), j.record().plan(), j.prompt(), j.decided());
    }

    @Override
    public Optional<JobProgress> progress(String jobId) {
        return job(jobId).map(j -> liveTransfers.of(j.id(), services.fileServer())
                .map(b -> new JobProgress(j.id(), j.state(), b.bytes(), b.totalBytes()))
                .orElse(new JobProgress(j.id(), j.state(), 0, -1)));
    }

    @Override
    public Optional<Job> job(String id) {
        try {
            return store.find(id).map(UpgradeEngine::toJob);
        } catch (StoreException e) {
            LOG.warn("Cannot read job {}: {}", id, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public List<Job> jobs() {
        try {
            return jobs(JobQuery.all().page(JobQuery.MAX_LIMIT, 0)).jobs();
        } catch (IllegalStateException e) {
            LOG.warn("{}", e.getMessage());
            return List.of();
        }
    }

    /** A store failure is thrown, not shown as an empty list: a caller paging through jobs must know. */
    @Override
    public JobPage jobs(JobQuery query) {
        try {
            JobStore.Page page = store.query(query);
            return new JobPage(page.jobs().stream().map(UpgradeEngine::toJob).toList(), page.total(), query.offset(),
                    query.limit());
        } catch (StoreException e) {
            throw new IllegalStateException("cannot list jobs: " + e.getMessage(), e);
        }
    }
}
