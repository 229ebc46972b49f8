package org.uplift.workflow.engine;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.workflow.DecisionRecord;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.StepRecord;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.workflow.store.JobRecord;
import org.uplift.workflow.store.JobStore;
import org.uplift.workflow.store.StoreException;
import org.uplift.workflow.store.StoredJob;

/**
 * Moves a job to its next state: checks the transition table, stores it (before anything acts on
 * it), then tells the log and Event Admin.
 */
final class Transit {

    private static final Logger LOG = LoggerFactory.getLogger(Transit.class);

    private final JobStore store;
    private final Clock clock;
    private final Supplier<EventAdmin> events;
    private final Consumer<StoredJob> ended;
    private final String holder;

    /**
     * @param ended  told of every job stored as DONE, ABORTED or FAILED, whichever path ended it
     * @param holder the node whose job threads move jobs through this: a move is stored only while that node
     *               holds the job's lease
     */
    Transit(JobStore store, Clock clock, Supplier<EventAdmin> events, Consumer<StoredJob> ended, String holder) {
        this.store = store;
        this.clock = clock;
        this.events = events;
        this.ended = ended;
        this.holder = holder;
    }

    /** For an operator's decision: stored while the job's owner is the one read, whoever holds the lease. */
    Transit forOperator() {
        return new Transit(store, clock, events, ended, null);
    }

    StoredJob move(StoredJob job, JobState to, String message) throws StoreException, Superseded {
        return move(job, to, message, UnaryOperator.identity());
    }

    /** @param change what the move records in the job's record (applied to the record as stored) */
    StoredJob move(StoredJob job, JobState to, String message, UnaryOperator<JobRecord> change)
            throws StoreException, Superseded {
        Transitions.check(job.state(), to);
        StepRecord entry = new StepRecord(to, clock.instant(), message);
        UnaryOperator<JobRecord> recorded = moved(change);
        Optional<StoredJob> stored = holder == null ? store.move(job, entry, recorded)
                : store.move(job, entry, recorded, holder);
        StoredJob moved = stored.orElseThrow(() -> new Superseded(holder == null
                ? "job " + job.id() + " is no longer in " + job.state() + " or another node took it up"
                : "job " + job.id() + " is no longer in " + job.state() + " under node " + holder
                        + "'s lease (the lease ran out, or another node took the job up)"));
        publish(moved, entry);
        if (to.terminal()) {
            ended.accept(moved);
        }
        return moved;
    }

    /** A move that answers the waiting job's prompt; {@link Superseded} if someone answered it first. */
    StoredJob answer(StoredJob waiting, JobState to, String message, UnaryOperator<JobRecord> change,
            DecisionRecord answer) throws StoreException, Superseded {
        Transitions.check(waiting.state(), to);
        StepRecord entry = new StepRecord(to, clock.instant(), message);
        StoredJob moved = store.answer(waiting, answer, entry, moved(change))
                .orElseThrow(() -> new Superseded(
                        "prompt " + answer.prompt() + " of job " + waiting.id() + " is no longer open"));
        publish(moved, entry);
        if (to.terminal()) {
            ended.accept(moved);
        }
        return moved;
    }

    /** A move is a decision's only if its change says so: any other clears the mark of the one before. */
    private static UnaryOperator<JobRecord> moved(UnaryOperator<JobRecord> change) {
        return r -> change.apply(r.withoutDecision());
    }

    /** The job as stored now. */
    StoredJob reload(StoredJob job) throws StoreException {
        return store.find(job.id()).orElseThrow(() -> new StoreException("job " + job.id() + " vanished"));
    }

    void publish(StoredJob job, StepRecord entry) {
        LOG.info("Job {} device {}: {} - {}", job.id(), job.deviceId(), entry.state(), entry.message());
        EventAdmin admin = events.get();
        if (admin == null) {
            return;
        }
        Map<String, Object> props = new HashMap<>(Map.of("job.id", job.id(), "device.id", job.deviceId(),
                "state", entry.state().name(), "message", entry.message(), "timestamp", entry.at().toEpochMilli()));
        admin.postEvent(new Event(UpgradeService.TOPIC_JOB_STATE, props));
        if (entry.state() == JobState.AWAITING_DECISION) {
            props.put("failed.step", job.record().failure().map(f -> f.step().name()).orElse(""));
            admin.postEvent(new Event(UpgradeService.TOPIC_DECISION_NEEDED, props));
        }
    }
}
