package org.uplift.workflow.engine;

import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.device.Device;
import org.uplift.api.device.DeviceInventory;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.migration.MigrationService;
import org.uplift.api.repository.BackupStore;
import org.uplift.api.repository.FileServer;
import org.uplift.api.repository.FirmwareCatalog;
import org.uplift.api.repository.FirmwareImage;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.StepRecord;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.workflow.DataDirectory;

/** Starts jobs after checking they can run, runs them on a bounded pool and publishes their transitions. */
@Component(service = UpgradeService.class, configurationPid = "org.uplift.workflow")
@Designate(ocd = WorkflowConfig.class)
public class UpgradeEngine implements UpgradeService {

    private static final Logger LOG = LoggerFactory.getLogger(UpgradeEngine.class);

    private final Services services;
    private final ExecutorService executor;
    private final Map<String, JobRecord> jobs = new ConcurrentHashMap<>();
    private final Map<String, String> activeJobByDevice = new HashMap<>();
    private final DriverSelector drivers = new DriverSelector();
    private final List<DeviceInventory> inventories = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    @Activate
    public UpgradeEngine(WorkflowConfig config, @Reference FirmwareCatalog catalog, @Reference BackupStore backups,
            @Reference FileServer fileServer, @Reference MigrationService migrations) {
        this.services = new Services(catalog, backups, fileServer, migrations, Clock.systemUTC(),
                Services.Settings.of(config, DataDirectory.resolve(config.workDirectory(), "work")));
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(1, config.maxConcurrentJobs()), r -> {
            Thread t = new Thread(r, "uplift-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Deactivate
    void deactivate() throws InterruptedException {
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

    @Override
    public Job start(String deviceId, String firmwareVersion) throws UpgradeException {
        Device device = findDevice(deviceId);
        DeviceDriver driver;
        try {
            driver = drivers.select(device);
        } catch (StepFailure e) {
            throw new UpgradeException(e.getMessage());
        }
        DeviceFacts facts = readFacts(device, driver);
        FirmwareImage image = services.catalog().find(facts.model(), firmwareVersion)
                .orElseThrow(() -> new UpgradeException("no firmware " + firmwareVersion + " for model " + facts.model()
                        + " (device " + deviceId + ") in the catalogue: add it with uplift:firmware-add"));
        if (image.version().equals(facts.runningVersion())) {
            throw new UpgradeException("device " + deviceId + " already runs " + firmwareVersion);
        }
        JobRecord job = register(device, image, facts);
        executor.execute(new UpgradeRun(job, device, driver, services, this::published));
        return job.snapshot();
    }

    private JobRecord register(Device device, FirmwareImage image, DeviceFacts facts) throws UpgradeException {
        synchronized (activeJobByDevice) {
            String active = activeJobByDevice.get(device.id());
            if (active != null) {
                throw new UpgradeException("device " + device.id() + " already has job " + active + " in state "
                        + jobs.get(active).state() + "; wait for it to end");
            }
            String id = UUID.randomUUID().toString().substring(0, 8);
            JobRecord job = new JobRecord(id, device.id(), image.id(), image.version(), services.clock(),
                    "upgrade " + facts.model() + " from " + facts.runningVersion() + " to " + image.version());
            jobs.put(id, job);
            activeJobByDevice.put(device.id(), id);
            published(job, JobState.PENDING);
            return job;
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

    private static DeviceFacts readFacts(Device device, DeviceDriver driver) throws UpgradeException {
        try {
            return driver.facts(device);
        } catch (DeviceException e) {
            throw new UpgradeException("cannot read device " + device.id() + " before upgrading it: " + e.getMessage(), e);
        }
    }

    /** Called after every transition: frees the device at the end, and tells the host UI. */
    private void published(JobRecord job, JobState state) {
        if (state.terminal()) {
            synchronized (activeJobByDevice) {
                activeJobByDevice.remove(job.deviceId(), job.id());
            }
        }
        Job snapshot = job.snapshot();
        StepRecord last = snapshot.history().get(snapshot.history().size() - 1);
        LOG.info("Job {} device {}: {} - {}", job.id(), job.deviceId(), state, last.message());
        EventAdmin events = eventAdmin;
        if (events != null) {
            events.postEvent(new Event(TOPIC_JOB_STATE, Map.of("job.id", job.id(), "device.id", job.deviceId(),
                    "state", state.name(), "message", last.message(), "timestamp", last.at().toEpochMilli())));
        }
    }

    @Override
    public Optional<Job> job(String id) {
        return Optional.ofNullable(jobs.get(id)).map(JobRecord::snapshot);
    }

    @Override
    public List<Job> jobs() {
        return jobs.values().stream().map(JobRecord::snapshot)
                .sorted(Comparator.comparing(Job::createdAt).reversed()).toList();
    }
}
