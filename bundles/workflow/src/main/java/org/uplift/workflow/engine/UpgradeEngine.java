package org.uplift.workflow.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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
import org.uplift.api.directory.DeviceDirectory;
import org.uplift.api.driver.DeviceEvents;
import org.uplift.api.migration.MigrationService;
import org.uplift.api.repository.BackupStore;
import org.uplift.api.repository.FileServer;
import org.uplift.api.repository.FirmwareCatalog;
import org.uplift.api.workflow.Decider;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobPage;
import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.JobQuery;
import org.uplift.api.workflow.OperatorDecisions;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeRequest;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.workflow.DataDirectory;
import org.uplift.workflow.store.JobStore;
import org.uplift.workflow.store.StoredJob;

/**
 * The {@link UpgradeService} as DS wires it: {@link JobAdmission} starts jobs after checking they can run,
 * {@link LeaseLoop} drives them and takes up every job whose lease is free, {@link Decisions} records the
 * operator's answers, {@link JobViews} reads jobs back. Devices and their drivers come from the one
 * {@link DeviceDirectory}.
 */
@Component(service = UpgradeService.class, configurationPid = "org.uplift.workflow")
@Designate(ocd = WorkflowConfig.class)
public class UpgradeEngine implements UpgradeService {

    private static final Logger LOG = LoggerFactory.getLogger(UpgradeEngine.class);

    private final JobAdmission admission;
    private final LeaseLoop leases;
    private final Decisions decisions;
    private final PolicyDecisions policies = new PolicyDecisions();
    private final JobViews views;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    /** Completion notifications from devices (docs/design.md#step-failure); without it steps poll. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile DeviceEvents deviceEvents;

    @Activate
    public UpgradeEngine(WorkflowConfig config, @Reference FirmwareCatalog catalog, @Reference BackupStore backups,
            @Reference FileServer fileServer, @Reference MigrationService migrations, @Reference JobStore store,
            @Reference DeviceDirectory directory) {
        Clock clock = Clock.systemUTC();
        Services services = new Services(catalog, backups, fileServer, migrations, clock,
                Services.Settings.of(config, DataDirectory.resolve(config.workDirectory(), "work")));
        String nodeId = config.nodeId().isBlank() ? System.getProperty("karaf.name", "uplift") : config.nodeId();
        Transit transit = new Transit(store, clock, () -> eventAdmin,
                new WorkFolders(services.settings().workDirectory())::ended, nodeId);
        Duration lease = Duration.ofSeconds(Math.max(3, config.leaseSeconds()));
        int capacity = Math.max(1, config.maxConcurrentJobs());
        JobTargets targets = new JobTargets(directory);
        LiveTransfers liveTransfers = new LiveTransfers();
        this.admission = new JobAdmission(services, store, transit, targets, nodeId, lease);
        this.leases = new LeaseLoop(services, store, transit, targets, policies, () -> deviceEvents, liveTransfers,
                nodeId, lease, capacity);
        this.decisions = new Decisions(store, transit, leases, clock);
        this.views = new JobViews(store, liveTransfers, fileServer);
        LOG.info("Upgrade engine on node '{}' (lease {} s, {} concurrent jobs)", nodeId, lease.toSeconds(), capacity);
    }

    /**
     * Threads start here, not in the constructor: SCR may construct an instance and throw it away unactivated
     * when a reference goes meanwhile, and it would never be deactivated to stop them.
     */
    @Activate
    void activate() {
        leases.start();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        leases.shutdown();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addDecisions(OperatorDecisions decisions) {
        policies.add(decisions);
    }

    void removeDecisions(OperatorDecisions decisions) {
        policies.remove(decisions);
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
    public Job start(UpgradeRequest request) throws UpgradeException {
        StoredJob job = admission.admit(request);
        leases.drive(job);
        return JobViews.toJob(job);
    }

    @Override
    public Job decide(String jobId, Decision decision) throws UpgradeException {
        return decide(jobId, 0, decision, Decider.UNKNOWN);
    }

    /** {@code prompt} 0 answers whichever prompt is open (callers that do not name one). */
    @Override
    public Job decide(String jobId, int prompt, Decision decision, Decider decider) throws UpgradeException {
        return JobViews.toJob(decisions.decide(jobId, prompt, decision, decider));
    }

    @Override
    public List<Job> jobsOfCampaign(String campaignId) {
        return views.jobsOfCampaign(campaignId);
    }

    @Override
    public Optional<JobProgress> progress(String jobId) {
        return views.progress(jobId);
    }

    @Override
    public Optional<Job> job(String id) {
        return views.job(id);
    }

    @Override
    public List<Job> jobs() {
        return views.jobs();
    }

    /** A store failure is thrown, not shown as an empty list: a caller paging through jobs must know. */
    @Override
    public JobPage jobs(JobQuery query) {
        return views.jobs(query);
    }
}
