package org.uplift.workflow.campaign;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.directory.DeviceDirectory;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.CampaignService;
import org.uplift.api.workflow.CampaignState;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeException.Reason;
import org.uplift.api.workflow.UpgradeRequest;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.workflow.store.JobStore;
import org.uplift.workflow.store.StoreException;

/**
 * Runs campaigns: resolves and stores their devices, and on every tick advances each running campaign
 * as {@link Progression} says, starting its jobs through {@link UpgradeService}. It keeps nothing in
 * memory, so after a restart it simply goes on with the campaigns the store says are running.
 */
@Component(service = {CampaignService.class, EventHandler.class}, configurationPid = CampaignEngine.PID, property = {
        EventConstants.EVENT_TOPIC + "=" + UpgradeService.TOPIC_JOB_STATE,
        EventConstants.EVENT_FILTER + "=" + CampaignEngine.JOB_LEFT_ITS_PLACE
})
@Designate(ocd = CampaignEngine.Config.class)
public class CampaignEngine implements CampaignService, EventHandler {

    static final String PID = "org.uplift.campaign";

    /** Job events after which a campaign may start another device or move on: the job ended or waits. */
    static final String JOB_LEFT_ITS_PLACE = "(|(state=DONE)(state=ABORTED)(state=FAILED)(state=AWAITING_DECISION))";

    /** A start claimed this long ago with no job recorded was lost with its node: the device may be started again. */
    static final Duration LOST_CLAIM = Duration.ofMinutes(2);

    @ObjectClassDefinition(name = "Uplift campaigns", description = "How campaigns are advanced")
    public @interface Config {
        @AttributeDefinition(name = "Tick (milliseconds)", description = "How often running campaigns are looked at: "
                + "jobs started up to the concurrency limit, the next wave begun, the error threshold checked. "
                + "A job of this node that ends or waits for a decision makes them be looked at at once; the tick "
                + "catches what other nodes did")
        long tickMillis() default 3000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(CampaignEngine.class);

    private final UpgradeService upgrades;
    private final CampaignStore store;
    /** A tick is queued and has not begun: further pokes need no other (one running, at most one waiting). */
    private final AtomicBoolean tickQueued = new AtomicBoolean();
    private final Clock clock = Clock.systemUTC();
    private final DeviceDirectory directory;
    private final CampaignEvents events = new CampaignEvents(() -> this.eventAdmin);
    private final ScheduledExecutorService scheduler;
    private final long tickMillis;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventAdmin eventAdmin;

    /**
     * @param jobStore not called: a tick reads the job tables on the campaign store's connection (see
     *                 {@link TickRows}); bound so that they exist before the first tick
     */
    @Activate
    public CampaignEngine(Config config, @Reference UpgradeService upgrades, @Reference CampaignStore store,
            @Reference JobStore jobStore, @Reference DeviceDirectory directory) {
        this.upgrades = upgrades;
        this.directory = directory;
        this.store = store;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "uplift-campaigns");
            t.setDaemon(true);
            return t;
        });
        this.tickMillis = Math.max(50, config.tickMillis());
    }

    /** The scheduler's thread starts here, not in the constructor (see UpgradeEngine#activate). */
    @Activate
    void activate() {
        scheduler.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        scheduler.shutdownNow();
        if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("The campaign scheduler did not stop within 10 s");
        }
    }

    @Override
    public Campaign start(CampaignRequest request) throws UpgradeException {
        SelectionResolver.Resolution devices = new SelectionResolver(directory).resolve(request);
        List<Slot> slots = WavePlan.slots(devices.deviceIds(), request.waves());
        int waves = slots.get(slots.size() - 1).wave() + 1;
        Instant now = clock.instant();
        String id = "c-" + UUID.randomUUID().toString().substring(0, 8);
        String message = "started: " + slots.size() + " device" + (slots.size() == 1 ? "" : "s") + " to "
                + request.firmwareVersion() + " in " + waves + " wave" + (waves == 1 ? "" : "s") + " of "
                + WavePlan.sizes(slots.size(), request.waves())
                + (devices.notes().isEmpty() ? "" : "; " + String.join("; ", devices.notes()));
        StoredCampaign campaign = new StoredCampaign(id, request, CampaignState.RUNNING, message, now, now, 0, waves,
                -1, slots);
        try {
            store.create(campaign);
        } catch (StoreException e) {
            throw new UpgradeException(Reason.UNAVAILABLE, e.getMessage(), e);
        }
        LOG.info("Campaign {} {}", id, message);
        events.changed(null, campaign);
        poke();
        return CampaignViews.campaign(campaign, Map.of());
    }

    @Override
    public Optional<Campaign> campaign(String id) {
        try {
            return store.find(id).map(c -> CampaignViews.campaign(c, jobsOf(id)));
        } catch (StoreException e) {
            LOG.warn("Cannot read campaign {}: {}", id, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public List<Campaign> campaigns() {
        try {
            List<Campaign> list = new ArrayList<>();
            for (StoredCampaign c : store.newest(500)) {
                list.add(CampaignViews.campaign(c, jobsOf(c.id())));
            }
            return list;
        } catch (StoreException e) {
            LOG.warn("Cannot list campaigns: {}", e.getMessage());
            return List.of();
        }
    }

    @Override
    public Campaign pause(String id) throws UpgradeException {
        return change(id, (c, jobs, now) -> {
            if (c.state() != CampaignState.RUNNING) {
                throw new CampaignStore.Refused("campaign " + id + " is " + c.state() + ", not running");
            }
            return c.withState(CampaignState.PAUSED, "paused by the operator; jobs already running go on to their end; "
                    + "uplift:campaign-resume " + id + " to go on", now);
        });
    }

    @Override
    public Campaign resume(String id) throws UpgradeException {
        return change(id, (c, jobs, now) -> {
            if (c.state() != CampaignState.PAUSED) {
                throw new CampaignStore.Refused("campaign " + id + " is " + c.state() + ", not paused");
            }
            boolean passed = Progression.thresholdPassed(c, CampaignViews.statuses(c, CampaignViews.states(jobs)));
            StoredCampaign resumed = passed ? c.withThresholdCleared(c.currentWave()) : c;
            return resumed.withState(CampaignState.RUNNING, "resumed by the operator"
                    + (passed ? ": wave " + (c.currentWave() + 1) + " goes on despite its failures" : ""), now);
        });
    }

    @Override
    public Campaign cancel(String id) throws UpgradeException {
        return change(id, (c, jobs, now) -> {
            if (c.state().terminal()) {
                throw new CampaignStore.Refused("campaign " + id + " has already ended (" + c.state() + ")");
            }
            return c.withState(CampaignState.CANCELLED,
                    "cancelled by the operator; no new job is started, jobs already "
                            + "running go on to their end (see uplift:jobs)",
                    now);
        });
    }

    private interface Operation {
        StoredCampaign apply(StoredCampaign campaign, Map<String, Job> jobs, Instant now);
    }

    private Campaign change(String id, Operation operation) throws UpgradeException {
        Map<String, Job> jobs = jobsOf(id);
        Instant now = clock.instant();
        try {
            CampaignStore.Change change = store.update(id, c -> operation.apply(c, jobs, now))
                    .orElseThrow(() -> new UpgradeException(Reason.UNKNOWN_CAMPAIGN,
                            "no campaign '" + id + "': see uplift:campaign-list"));
            events.changed(change.before(), change.after());
            LOG.info("Campaign {} {}", id, change.after().message());
            poke();
            return CampaignViews.campaign(change.after(), jobs);
        } catch (CampaignStore.Refused e) {
            throw new UpgradeException(Reason.NOT_WAITING, e.getMessage());
        } catch (StoreException e) {
            throw new UpgradeException(Reason.UNAVAILABLE, e.getMessage(), e);
        }
    }

    /** A job ended or waits: its place in its campaign's concurrency is free (the event's filter says which). */
    @Override
    public void handleEvent(Event event) {
        poke();
    }

    /** Looks at the running campaigns now, unless a look is already queued. */
    private void poke() {
        if (!tickQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.execute(() -> {
                tickQueued.set(false);
                tick();
            });
        } catch (RejectedExecutionException e) {
            // deactivating: the next activation takes the campaign up
            tickQueued.set(false);
        }
    }

    private Map<String, Job> jobsOf(String campaignId) {
        return CampaignViews.byId(upgrades.jobsOfCampaign(campaignId));
    }

    private void tick() {
        List<String> running;
        try {
            running = store.running();
        } catch (StoreException e) {
            LOG.warn("Cannot list the running campaigns: {}", e.getMessage());
            return;
        }
        for (String id : running) {
            // one campaign that cannot be advanced does not hold the others up
            try {
                advance(id);
            } catch (StoreException e) {
                LOG.warn("Cannot advance campaign {}: {}", id, e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("Advancing campaign {} failed", id, e);
            }
        }
    }

    private void advance(String id) throws StoreException {
        // the open slots and the waves' counts, not every device: a campaign of thousands of devices is looked
        // at after every job that ends
        Optional<CampaignTick.Outcome> outcome = store.advance(id, clock.instant());
        if (outcome.isEmpty()) {
            return;
        }
        StoredCampaign before = outcome.get().before();
        StoredCampaign after = outcome.get().after();
        if (before.state() != after.state() || before.currentWave() != after.currentWave()) {
            LOG.info("Campaign {} {}", id, after.message());
        }
        events.changed(before, after);
        for (Slot slot : outcome.get().claimed()) {
            startJob(after, slot);
        }
    }

    private void startJob(StoredCampaign c, Slot slot) {
        Slot outcome;
        try {
            Job job = upgrades.start(
                    new UpgradeRequest(slot.deviceId(), c.request().firmwareVersion(), c.request().policy(), c.id()));
            outcome = slot.started(job.id());
            LOG.info("Campaign {}: job {} started for device {}", c.id(), job.id(), slot.deviceId());
        } catch (UpgradeException e) {
            if (Thread.currentThread().isInterrupted()) {
                // Uplift is stopping while the device was being read: not the device's failure; the slot stays
                // open and the next start tries it again
                LOG.info("Campaign {}: start of device {} interrupted; it is tried again after the restart", c.id(),
                        slot.deviceId());
                return;
            }
            outcome = slot.notStarted(e.getMessage());
            LOG.warn("Campaign {}: device {} not started: {}", c.id(), slot.deviceId(), e.getMessage());
        } catch (RuntimeException e) {
            outcome = slot.notStarted("unexpected error: " + e);
            LOG.error("Campaign {}: device {} not started", c.id(), slot.deviceId(), e);
        }
        try {
            store.recordStart(c.id(), outcome);
        } catch (StoreException e) {
            // a started job is adopted by the next tick (its campaign id names it); a refusal is tried again after LOST_CLAIM
            LOG.warn("Campaign {}: cannot record the start of device {}: {}", c.id(), slot.deviceId(), e.getMessage());
        }
    }
}
