package org.uplift.workflow.engine;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.driver.DeviceEvents;
import org.uplift.api.workflow.JobState;
import org.uplift.workflow.store.JobStore;
import org.uplift.workflow.store.StoreException;
import org.uplift.workflow.store.StoredJob;

/**
 * Drives this node's jobs on a bounded pool and keeps their leases: every third of a lease it renews what
 * it holds, stops driving what it lost, and claims jobs whose lease is free (its own after a restart or a
 * hot deploy, another node's after that node died).
 */
final class LeaseLoop {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseLoop.class);

    /** States a node takes up by itself; a job awaiting a decision waits for one, holding nothing. */
    private static final Set<JobState> CLAIMABLE = EnumSet.complementOf(
            EnumSet.of(JobState.AWAITING_DECISION, JobState.DONE, JobState.ABORTED, JobState.FAILED));

    /** States whose step is simply entered again after a restart; the history says so. */
    private static final Set<JobState> REENTERED = EnumSet.of(JobState.BACKUP, JobState.UPDATE, JobState.VERIFY_UPDATE,
            JobState.MIGRATE_CONFIG, JobState.RESTORE, JobState.ROLLBACK);

    /** How long a stop waits for the job's thread to let go of it; a step ignoring interrupts is then overtaken. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final Services services;
    private final JobStore store;
    private final Transit transit;
    private final JobTargets targets;
    private final JobDriver.DecisionSource decisions;
    private final Supplier<DeviceEvents> deviceEvents;
    private final LiveTransfers liveTransfers;
    private final String nodeId;
    private final Duration lease;
    private final int capacity;
    private final ExecutorService executor;
    private final ScheduledExecutorService scheduler;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Map<String, DrivenJob> driven = new ConcurrentHashMap<>();
    /** When the leases were last renewed, by System.nanoTime (a node's wall clock may jump). */
    private volatile long renewedAt = System.nanoTime();

    LeaseLoop(Services services, JobStore store, Transit transit, JobTargets targets,
            JobDriver.DecisionSource decisions,
            Supplier<DeviceEvents> deviceEvents, LiveTransfers liveTransfers, String nodeId, Duration lease,
            int capacity) {
        this.services = services;
        this.store = store;
        this.transit = transit;
        this.targets = targets;
        this.decisions = decisions;
        this.deviceEvents = deviceEvents;
        this.liveTransfers = liveTransfers;
        this.nodeId = nodeId;
        this.lease = lease;
        this.capacity = capacity;
        // no thread starts here: the pools make theirs on first use, and the claim cycle is started by start()
        this.executor = Executors.newFixedThreadPool(capacity, threads("uplift-job-"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(threads("uplift-claims-"));
    }

    /** Starts the claim cycle; the first cycle waits one period so DS can bind the dynamic drivers first. */
    void start() {
        long cycle = Math.max(1, lease.toMillis() / 3);
        scheduler.scheduleWithFixedDelay(this::claimAndRenew, cycle, cycle, TimeUnit.MILLISECONDS);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Interrupts every job thread; their jobs stay where they are stored, for the next start to resume. */
    void shutdown() throws InterruptedException {
        scheduler.shutdownNow();
        executor.shutdownNow();
        if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.warn("Some upgrade jobs did not stop within 10 s");
        }
    }

    /** Runs a claim cycle now (a decided job is taken up at once, not a third of a lease later). */
    void claimSoon() {
        scheduler.execute(this::claimAndRenew);
    }

    /** Drives a job this node just created (and holds the lease of). */
    void drive(StoredJob job) {
        submit(job, false);
    }

    /**
     * Interrupts the job's thread here, if it has one, and waits until that thread has let go of the job
     * (at most {@link #STOP_WAIT}), so what the caller reads next is what the thread left.
     */
    void stop(String jobId) throws InterruptedException {
        DrivenJob d = driven.get(jobId);
        if (d == null) {
            return;
        }
        d.cancel(true);
        try {
            d.exited.get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Job {} did not stop within {} s; it is overtaken where it is", jobId, STOP_WAIT.toSeconds());
        } catch (ExecutionException e) {
            // never: the signal is only ever completed normally
        }
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
                    stopDriving(driving,
                            "its lease could not be renewed for longer than the lease (" + e.getMessage() + ")");
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
            DrivenJob d = driven.get(id);
            if (d != null && running.contains(id)) {
                LOG.warn("Node {} stops driving job {}: {}", nodeId, id, why);
                d.cancel(true);
            }
        }
    }

    private void submit(StoredJob job, boolean resumed) {
        if (!running.add(job.id())) {
            return;
        }
        try {
            StoredJob current = job;
            JobTarget target = targets.target(job.deviceId());
            if (resumed && REENTERED.contains(job.state()) && !decidedJustNow(job)) {
                current = transit.move(job, job.state(), "resumed on node " + nodeId
                        + " after Uplift restarted mid-step: the device is read back before the step goes on");
            }
            DrivenJob d = new DrivenJob(new JobDriver(current, new Steps(services, transit, target,
                    deviceEvents, liveTransfers, job.id()), transit, decisions, this::exited), () -> forget(job.id()));
            driven.put(job.id(), d);
            executor.execute(d);
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
        } catch (RejectedExecutionException e) {
            driven.remove(job.id());
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

    /**
     * A job that waits for a decision holds no lease: after a decision any node may take it up. (One that ended
     * released its lease in the move that ended it.)
     */
    private void exited(StoredJob job) {
        forget(job.id());
        if (job.state() == JobState.AWAITING_DECISION) {
            release(job);
        }
    }

    private void forget(String jobId) {
        driven.remove(jobId);
        running.remove(jobId);
    }

    private void fail(StoredJob job, String reason) {
        try {
            transit.move(job, JobState.FAILED, job.state() + " failed: " + reason);
        } catch (StoreException | Superseded | IllegalStateException e) {
            LOG.warn("Job {} could not be marked failed: {}", job.id(), e.getMessage());
        }
    }
}
