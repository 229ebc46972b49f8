package org.uplift.rest;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.UpgradeService;

/**
 * What {@code /uplift/events} streams: every job and campaign state change Uplift posts on Event Admin, as it
 * happens, and the transfer progress of running jobs ({@link UpgradeService#progress}) every
 * {@code progressMillis}, only when it changed. Progress is read only while someone listens.
 */
@Component(service = {EventHandler.class, EventFeed.class}, configurationPid = EventFeed.PID, property = {
        EventConstants.EVENT_TOPIC + "=org/uplift/job/*", EventConstants.EVENT_TOPIC + "=org/uplift/campaign/*"})
@Designate(ocd = EventFeed.Config.class)
public class EventFeed implements EventHandler {

    static final String PID = "org.uplift.rest";

    private static final Logger LOG = LoggerFactory.getLogger(EventFeed.class);
    /** Stands for "no progress sent yet" (the map holds no nulls). */
    private static final JobProgress NOTHING_SENT = new JobProgress("", JobState.PENDING, -2, -2);

    @ObjectClassDefinition(name = "Uplift REST", description = "The JSON API under /uplift for a host UI (needs a JAX-RS whiteboard)")
    public @interface Config {
        @AttributeDefinition(name = "Progress interval (ms)", description = "How often /uplift/events sends the transfer progress of running jobs (only what changed)")
        int progressMillis() default 1000;

        @AttributeDefinition(name = "Keep-alive (s)", description = "An idle event stream gets a comment line this often, so a closed connection is noticed")
        int keepAliveSeconds() default 15;

        @AttributeDefinition(name = "Event streams", description = "Most /uplift/events streams open at once; more are refused with 503")
        int maxSubscribers() default 64;
    }

    private final UpgradeService upgrades;
    private final int maxSubscribers;
    private final long keepAliveMillis;
    private final ScheduledExecutorService timer;
    private final Set<Subscriber> subscribers = new CopyOnWriteArraySet<>();
    /** Jobs under way, with the progress last sent of each. */
    private final Map<String, JobProgress> running = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean seeded;
    private final LongSupplier clock;
    private volatile long lastKeepAlive;

    @Activate
    public EventFeed(Config config, @Reference UpgradeService upgrades) {
        this(config, upgrades, System::currentTimeMillis);
    }

    EventFeed(Config config, UpgradeService upgrades, LongSupplier clock) {
        this.upgrades = upgrades;
        this.clock = clock;
        this.lastKeepAlive = clock.getAsLong();
        this.maxSubscribers = Math.max(1, config.maxSubscribers());
        this.keepAliveMillis = Math.max(1, config.keepAliveSeconds()) * 1000L;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "uplift-rest-events");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(100, config.progressMillis());
        timer.scheduleWithFixedDelay(this::tickSafely, period, period, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
        for (Subscriber s : subscribers) {
            s.close();
        }
        subscribers.clear();
    }

    /**
     * Adds a subscriber and greets it with a {@code subscribed} event.
     *
     * @return {@code false} if {@code maxSubscribers} streams are already open
     */
    boolean subscribe(Subscriber subscriber, String jobFilter) {
        if (subscribers.size() >= maxSubscribers) {
            return false;
        }
        subscribers.add(subscriber);
        String data = JsonMapping.write(new FeedEvent.Subscribed(jobFilter));
        if (!subscriber.deliver(new FeedEvent(ids.incrementAndGet(), FeedEvent.SUBSCRIBED, data, null))) {
            subscribers.remove(subscriber);
        }
        return true;
    }

    int subscribers() {
        return subscribers.size();
    }

    @Override
    public void handleEvent(Event event) {
        FeedEvent.of(event, ids.incrementAndGet()).ifPresent(e -> {
            if (FeedEvent.JOB.equals(e.name())) {
                track(e.jobId(), event.getProperty("state"));
            }
            broadcast(e);
        });
    }

    /** Jobs are followed for progress from their first state change until they end or wait for a decision. */
    private void track(String jobId, Object state) {
        if (jobId == null || state == null) {
            return;
        }
        if (underWay(state.toString())) {
            running.putIfAbsent(jobId, NOTHING_SENT);
        } else {
            running.remove(jobId);
        }
    }

    private static boolean underWay(String state) {
        try {
            JobState s = JobState.valueOf(state);
            return !s.terminal() && s != JobState.AWAITING_DECISION;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // the timer must keep running; the next tick tries again
            LOG.warn("Cannot read the progress of running jobs: {}", e.getMessage());
        }
    }

    /** Sends the changed progress of running jobs and, every {@code keepAliveSeconds}, a keep-alive comment. */
    void tick() {
        if (subscribers.isEmpty()) {
            return;
        }
        if (!seeded) {
            seeded = true;
            for (Job job : upgrades.jobs()) {
                if (underWay(job.state().name())) {
                    running.putIfAbsent(job.id(), NOTHING_SENT);
                }
            }
        }
        for (Map.Entry<String, JobProgress> entry : running.entrySet()) {
            upgrades.progress(entry.getKey()).ifPresentOrElse(p -> {
                if (!underWay(p.state().name())) {
                    running.remove(entry.getKey());
                } else if (!p.equals(entry.getValue())) {
                    running.put(entry.getKey(), p);
                    broadcast(FeedEvent.progress(p, ids.incrementAndGet()));
                }
            }, () -> running.remove(entry.getKey()));
        }
        // every stream gets it, even one that follows a quiet job: a write is how a closed connection shows
        if (clock.getAsLong() - lastKeepAlive >= keepAliveMillis) {
            lastKeepAlive = clock.getAsLong();
            broadcast(FeedEvent.comment("keep-alive"));
        }
    }

    private void broadcast(FeedEvent event) {
        for (Subscriber s : subscribers) {
            if (s.accepts(event) && !s.deliver(event)) {
                subscribers.remove(s);
            }
        }
    }
}
