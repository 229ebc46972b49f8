package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.api.workflow.JobState.ABORTED;
import static org.uplift.api.workflow.JobState.AWAITING_DECISION;
import static org.uplift.api.workflow.JobState.BACKUP;
import static org.uplift.api.workflow.JobState.DONE;
import static org.uplift.api.workflow.JobState.FAILED;
import static org.uplift.api.workflow.JobState.KEEP_OLD_VERSION;
import static org.uplift.api.workflow.JobState.MIGRATE_CONFIG;
import static org.uplift.api.workflow.JobState.PENDING;
import static org.uplift.api.workflow.JobState.RESTORE;
import static org.uplift.api.workflow.JobState.UPDATE;
import static org.uplift.api.workflow.JobState.VERIFY_BACKUP;
import static org.uplift.api.workflow.JobState.VERIFY_RESTORE;
import static org.uplift.api.workflow.JobState.VERIFY_UPDATE;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.workflow.DecisionRecord;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobQuery;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.StepRecord;
import org.uplift.workflow.store.JdbcJobStore;
import org.uplift.workflow.store.JobRecord;
import org.uplift.workflow.store.JobStore;
import org.uplift.workflow.store.StoreException;
import org.uplift.workflow.store.StoredJob;

/**
 * Scale-out: two workflow engines ("node-a", "node-b") share one job database and one simulated fleet,
 * as several Karaf nodes share one PostgreSQL. Each engine's store records which node wrote each
 * transition, so the tests see who ran every step: each job runs on exactly one node at a time, and a
 * node that dies leaves its jobs to the other once their lease has expired. Subclasses choose the database.
 */
@Timeout(90)
abstract class TwoEnginesContract {

    private static final Duration WAIT = Duration.ofSeconds(45);
    private static final List<JobState> WHOLE_RUN = List.of(PENDING, BACKUP, VERIFY_BACKUP, KEEP_OLD_VERSION, UPDATE,
            VERIFY_UPDATE, MIGRATE_CONFIG, RESTORE, VERIFY_RESTORE, DONE);

    @TempDir
    Path dir;

    private EngineHarness h;
    private final List<UpgradeEngine> engines = new ArrayList<>();
    /** Every stored transition, in order, with the node that wrote it. */
    private final List<Move> moves = Collections.synchronizedList(new ArrayList<>());
    /** Every transition a store refused (the job had moved on, or the writer's lease was gone). */
    private final List<Move> refused = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Gate> gates = new ConcurrentHashMap<>();
    /** The test's own view of the job table; one store, closed after the test (each keeps connections open). */
    private JdbcJobStore reader;

    /** An empty database for the jobs of one test. */
    protected abstract DataSource database(Path dir) throws Exception;

    record Move(String node, String jobId, JobState state, String message) {
    }

    @AfterEach
    void stop() throws Exception {
        for (UpgradeEngine e : engines) {
            e.deactivate();
        }
        if (reader != null) {
            EngineHarness.deactivate(reader);
        }
        if (h != null) {
            h.engine = null;
            h.close();
        }
    }

    private JdbcJobStore reader() throws StoreException {
        if (reader == null) {
            reader = new JdbcJobStore(h.dataSource);
        }
        return reader;
    }

    private UpgradeEngine node(String nodeId) throws Exception {
        UpgradeEngine e = h.newEngine(Map.of("nodeId", nodeId, "leaseSeconds", 3),
                store -> new RecordingStore(nodeId, store, moves, refused, gate(nodeId, "leases"),
                        gate(nodeId, "writes")));
        engines.add(e);
        return e;
    }

    @Test
    void givenTwoEnginesOnOneDatabase_whenJobsAreStartedOnBoth_thenEachJobRunsOnExactlyOneNodeAndAllFinish()
            throws Exception {
        h = new EngineHarness(dir, 4, List.of(), database(dir));
        h.addFirmware("2.0.0", "1");
        UpgradeEngine a = node("node-a");
        UpgradeEngine b = node("node-b");
        Map<Integer, DeviceFacts> before = new LinkedHashMap<>();
        Map<String, String> startedOn = new LinkedHashMap<>();
        for (int i = 1; i <= 4; i++) {
            before.put(i, h.facts(i));
            UpgradeEngine on = i % 2 == 1 ? a : b;
            startedOn.put(on.start("iad-" + i, "2.0.0").id(), on == a ? "node-a" : "node-b");
        }
        for (String id : startedOn.keySet()) {
            // a job started on one node can be read (and decided) through the other: one database
            Job done = EngineHarness.await(startedOn.get(id).equals("node-a") ? b : a, id, WAIT, DONE,
                    AWAITING_DECISION,
                    ABORTED, FAILED);
            assertEquals(DONE, done.state(), done.history().toString());
            assertEquals(WHOLE_RUN, EngineHarness.states(done), "every step ran exactly once: " + done.history());
            assertTrue(done.history().stream().noneMatch(r -> r.message().contains("resumed on node")),
                    done.history().toString());
            assertEquals(List.of(startedOn.get(id)), nodeRuns(id),
                    "the nodes that wrote job " + id + "'s transitions, in turn");
        }
        assertEquals(Set.of("node-a", "node-b"), Set.copyOf(startedOn.values()));
        for (int i = 1; i <= 4; i++) {
            DeviceFacts after = h.facts(i);
            assertEquals("2.0.0", after.runningVersion());
            assertEquals(before.get(i).configDigest(), after.configDigest());
        }
        JdbcJobStore store = reader();
        for (String id : startedOn.keySet()) {
            StoredJob job = store.find(id).orElseThrow();
            assertEquals(null, job.owner(), "an ended job holds no lease: " + job);
        }
    }

    @Test
    void givenANodeThatDiesMidUpdate_whenItsLeaseExpires_thenTheOtherNodeTakesTheJobUpAndFinishesIt() throws Exception {
        h = new EngineHarness(dir, 2, List.of(), database(dir));
        h.addFirmware("2.0.0", "1");
        UpgradeEngine a = node("node-a");
        UpgradeEngine b = node("node-b");
        DeviceFacts before = h.facts(1);
        String id = a.start("iad-1", "2.0.0").id();
        String other = b.start("iad-2", "2.0.0").id();
        EngineHarness.await(b, id, WAIT, UPDATE, VERIFY_UPDATE);

        a.deactivate(); // node-a dies: it stops renewing, and releases nothing
        Instant died = Instant.now();
        JdbcJobStore store = reader();
        StoredJob orphan = store.find(id).orElseThrow();
        assertEquals("node-a", orphan.owner(), orphan.toString());
        assertTrue(Set.of(UPDATE, VERIFY_UPDATE).contains(orphan.state()), orphan.toString());
        Instant leaseUntil = orphan.leaseUntil();
        assertTrue(leaseUntil.isAfter(died), "node-a still held the lease when it died: " + orphan);

        Job done = EngineHarness.await(b, id, WAIT, DONE, AWAITING_DECISION, ABORTED, FAILED);
        assertEquals(DONE, done.state(), done.history().toString());
        StepRecord resumed = done.history().stream().filter(r -> r.message().contains("resumed on node node-b"))
                .findFirst().orElseThrow(() -> new AssertionError("no resume entry: " + done.history()));
        assertFalse(resumed.at().isBefore(leaseUntil), "node-b waited for node-a's lease (until " + leaseUntil
                + ") before taking the job up at " + resumed.at());
        assertEquals(List.of("node-a", "node-b"), nodeRuns(id), "node-a ran the job until it died, then only node-b");
        Optional<Move> firstOfB = moves.stream().filter(m -> m.jobId().equals(id) && m.node().equals("node-b"))
                .findFirst();
        assertTrue(firstOfB.orElseThrow().message().contains("resumed on node node-b"), firstOfB.toString());
        assertEquals(DONE, EngineHarness.await(b, other, WAIT, DONE, AWAITING_DECISION, ABORTED, FAILED).state());

        DeviceFacts after = h.facts(1);
        assertEquals("2.0.0", after.runningVersion());
        assertEquals("1.0.0", after.keptVersion());
        assertEquals(before.configDigest(), after.configDigest(), "the configuration came back after the take-over");
        assertEquals(null, store.find(id).orElseThrow().owner());
    }

    /**
     * Issue 14 item 9: a node frozen past its lease, with a write of the job under way, comes back to a job another
     * node took up and writes nothing. The other node is held just before its first write, so the job is still in
     * the state the frozen node read: only the lease check can refuse the frozen node's write.
     */
    @Test
    void givenANodePausedPastItsLease_whenItResumes_thenItWritesNothingAndTheOtherNodeFinishes() throws Exception {
        h = new EngineHarness(dir, 1, List.of(), database(dir));
        h.addFirmware("2.0.0", "1");
        UpgradeEngine a = node("node-a");
        UpgradeEngine b = node("node-b");
        String id = a.start("iad-1", "2.0.0").id();
        EngineHarness.await(b, id, WAIT, UPDATE, VERIFY_UPDATE);

        gate("node-a", "leases").close();
        gate("node-a", "writes").close();
        gate("node-b", "writes").close();
        await(() -> gate("node-a", "writes").waiting() > 0, "node-a's job thread is about to write");
        await(() -> "node-b".equals(reader().find(id).orElseThrow().owner()),
                "node-b claims the job once node-a's lease ran out");
        int movesOfA = movesOf("node-a", id);
        gate("node-a", "writes").open();
        gate("node-a", "leases").open();
        await(() -> refusedOf("node-a", id) > 0, "node-a's write reaches the store and is refused");
        gate("node-b", "writes").open();

        Job done = EngineHarness.await(b, id, WAIT, DONE, AWAITING_DECISION, ABORTED, FAILED);
        assertEquals(DONE, done.state(), done.history().toString());
        assertEquals(movesOfA, movesOf("node-a", id), "node-a wrote after it resumed: " + moves);
        assertEquals(List.of("node-a", "node-b"), nodeRuns(id));
    }

    private Gate gate(String node, String what) {
        return gates.computeIfAbsent(node + "/" + what, n -> new Gate());
    }

    private int refusedOf(String node, String jobId) {
        synchronized (refused) {
            return (int) refused.stream().filter(m -> m.node().equals(node) && m.jobId().equals(jobId)).count();
        }
    }

    /** A condition a test waits for. */
    private interface Check {
        boolean holds() throws Exception;
    }

    private static void await(Check condition, String what) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not seen within " + WAIT + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    private int movesOf(String node, String jobId) {
        synchronized (moves) {
            return (int) moves.stream().filter(m -> m.node().equals(node) && m.jobId().equals(jobId)).count();
        }
    }

    /** The nodes that wrote a job's transitions, consecutive repeats folded: [node-a] means only node-a ever did. */
    private List<String> nodeRuns(String jobId) {
        List<String> runs = new ArrayList<>();
        synchronized (moves) {
            for (Move m : moves) {
                if (m.jobId().equals(jobId) && (runs.isEmpty() || !runs.get(runs.size() - 1).equals(m.node()))) {
                    runs.add(m.node());
                }
            }
        }
        return runs;
    }

    /**
     * A node frozen (a long GC pause, a suspended VM) as its store sees it: its lease renewals and its job
     * threads' writes wait while the gate is closed, then go on as if nothing happened.
     */
    static final class Gate {
        private final Semaphore open = new Semaphore(Integer.MAX_VALUE);

        void close() throws InterruptedException {
            open.acquire(Integer.MAX_VALUE);
        }

        void open() {
            open.release(Integer.MAX_VALUE);
        }

        void pass() {
            open.acquireUninterruptibly();
            open.release();
        }

        int waiting() {
            return open.getQueueLength();
        }
    }

    /** A node's job store that notes every transition it stores, with the node's name. */
    private static final class RecordingStore implements JobStore {
        private final String node;
        private final JobStore store;
        private final List<Move> moves;
        private final List<Move> refused;
        private final Gate leases;
        private final Gate writes;

        RecordingStore(String node, JobStore store, List<Move> moves, List<Move> refused, Gate leases, Gate writes) {
            this.node = node;
            this.store = store;
            this.moves = moves;
            this.refused = refused;
            this.leases = leases;
            this.writes = writes;
        }

        @Override
        public void create(StoredJob job) throws StoreException {
            store.create(job);
            moves.add(new Move(node, job.id(), job.state(), job.history().get(0).message()));
        }

        @Override
        public boolean transition(String jobId, JobState expected, StepRecord entry, UnaryOperator<JobRecord> change)
                throws StoreException {
            boolean moved = store.transition(jobId, expected, entry, change);
            if (moved) {
                moves.add(new Move(node, jobId, entry.state(), entry.message()));
            }
            return moved;
        }

        @Override
        public Optional<StoredJob> move(StoredJob job, StepRecord entry, UnaryOperator<JobRecord> change)
                throws StoreException {
            return recorded(job, entry, store.move(job, entry, change));
        }

        @Override
        public Optional<StoredJob> move(StoredJob job, StepRecord entry, UnaryOperator<JobRecord> change, String holder)
                throws StoreException {
            writes.pass();
            return recorded(job, entry, store.move(job, entry, change, holder));
        }

        @Override
        public Optional<StoredJob> answer(StoredJob waiting, DecisionRecord answer, StepRecord entry,
                UnaryOperator<JobRecord> change) throws StoreException {
            return recorded(waiting, entry, store.answer(waiting, answer, entry, change));
        }

        private Optional<StoredJob> recorded(StoredJob job, StepRecord entry, Optional<StoredJob> moved) {
            if (moved.isPresent()) {
                moves.add(new Move(node, job.id(), entry.state(), entry.message()));
            } else {
                refused.add(new Move(node, job.id(), entry.state(), entry.message()));
            }
            return moved;
        }

        @Override
        public Optional<StoredJob> find(String jobId) throws StoreException {
            return store.find(jobId);
        }

        @Override
        public List<StoredJob> list(int limit) throws StoreException {
            return store.list(limit);
        }

        @Override
        public Page query(JobQuery query) throws StoreException {
            return store.query(query);
        }

        @Override
        public List<StoredJob> ofCampaign(String campaignId) throws StoreException {
            return store.ofCampaign(campaignId);
        }

        @Override
        public List<StoredJob> claim(String nodeId, Duration lease, int max, Set<JobState> states)
                throws StoreException {
            return store.claim(nodeId, lease, max, states);
        }

        @Override
        public Set<String> renew(String nodeId, Duration lease) throws StoreException {
            leases.pass();
            return store.renew(nodeId, lease);
        }

        @Override
        public void release(String jobId, String nodeId) throws StoreException {
            store.release(jobId, nodeId);
        }
    }
}
