package org.uplift.workflow.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.DecisionRecord;
import org.uplift.api.workflow.JobPlan;
import org.uplift.api.workflow.JobQuery;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.StepRecord;

/**
 * What every {@link JobStore} database must do; a subclass supplies an empty database per test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
abstract class JobStoreContract {

    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Set<JobState> RUNNABLE = Set.of(JobState.PENDING);
    private static final UnaryOperator<JobRecord> UNCHANGED = UnaryOperator.identity();

    private final MutableClock clock = new MutableClock(T0);
    private DataSource dataSource;
    private JdbcJobStore store;

    /** An empty database of its own. */
    protected abstract DataSource freshDatabase() throws Exception;

    @BeforeEach
    void open() throws Exception {
        dataSource = freshDatabase();
        store = new JdbcJobStore(dataSource, clock);
    }

    @Test
    void givenACreatedJob_whenFound_thenEveryFieldIsAsStored() throws Exception {
        StoredJob job = new StoredJob("J-1", "iad-1", "fw-2.0.0", "2.0.0", "C-1", JobState.PENDING, T0,
                T0.plusMillis(5), everyField(),
                List.of(new StepRecord(JobState.PENDING, T0, "accepted")), null, null);
        store.create(job);

        assertEquals(job, store.find("J-1").orElseThrow());
        assertTrue(store.find("J-404").isEmpty());
    }

    @Test
    void givenJobsCreatedAtDifferentTimes_whenListed_thenNewestFirstAndLimited() throws Exception {
        for (int i = 1; i <= 5; i++) {
            store.create(job("J-" + i, "iad-" + i, null, T0.plusSeconds(i)));
        }

        assertEquals(List.of("J-5", "J-4", "J-3"), ids(store.list(3)));
        assertEquals(5, store.list(100).size());
        assertEquals(List.of(), store.list(0));
    }

    /** Issue 14 item 7: a list cut at 1,000 hid the oldest job waiting for a decision. */
    @Test
    void given1200Jobs_whenQueried_thenTheOldestWaitingJobIsListedAndTotalsAreExact() throws Exception {
        store.create(job("J-0000", "iad-0", "C-1", T0));
        assertTrue(store.transition("J-0000", JobState.PENDING, entry(JobState.AWAITING_DECISION), UNCHANGED));
        for (int i = 1; i < 1200; i++) {
            Instant created = T0.plusSeconds(i);
            store.create(new StoredJob(String.format("J-%04d", i), "iad-" + (i % 7), "fw-2.0.0", "2.0.0",
                    i % 2 == 0 ? "C-1" : null, JobState.DONE, created, created, JobRecord.EMPTY,
                    List.of(new StepRecord(JobState.DONE, created, "done")), null, null));
        }

        JobStore.Page waiting = store.query(JobQuery.all().inState(JobState.AWAITING_DECISION));
        assertEquals(List.of("J-0000"), ids(waiting.jobs()));
        assertEquals(1, waiting.total());

        JobStore.Page first = store.query(JobQuery.all().page(1000, 0));
        assertEquals(1200, first.total());
        assertEquals(1000, first.jobs().size());
        assertEquals("J-1199", first.jobs().get(0).id());
        JobStore.Page second = store.query(JobQuery.all().page(1000, 1000));
        assertEquals(200, second.jobs().size());
        assertEquals("J-0000", second.jobs().get(199).id(), "the oldest comes last, on the second page");
        assertEquals(List.of(), store.query(JobQuery.all().page(10, 1200)).jobs());

        JobStore.Page device = store.query(JobQuery.all().ofDevice("iad-0").ofCampaign("C-1").page(3, 0));
        assertEquals(List.of("J-1190", "J-1176", "J-1162"), ids(device.jobs()));
        assertEquals(86, device.total(), "every 14th job and J-0000");
        JobStore.Page since = store.query(JobQuery.all().createdSince(T0.plusSeconds(1195)));
        assertEquals(List.of("J-1199", "J-1198", "J-1197", "J-1196", "J-1195"), ids(since.jobs()));
        assertEquals(599, store.query(JobQuery.all().ofCampaign("C-1").inState(JobState.DONE)).total());
    }

    @Test
    void givenJobsOfTwoCampaigns_whenOneIsAskedFor_thenOnlyItsJobsOldestFirst() throws Exception {
        store.create(job("J-3", "iad-3", "C-1", T0.plusSeconds(3)));
        store.create(job("J-1", "iad-1", "C-1", T0.plusSeconds(1)));
        store.create(job("J-2", "iad-2", "C-2", T0.plusSeconds(2)));
        store.create(job("J-4", "iad-4", null, T0.plusSeconds(4)));

        assertEquals(List.of("J-1", "J-3"), ids(store.ofCampaign("C-1")));
        assertEquals(List.of(), ids(store.ofCampaign("C-404")));
        assertTrue(store.transition("J-3", JobState.PENDING, entry(JobState.BACKUP), UNCHANGED));
        assertEquals(
                List.of(new JobSummary("J-1", "iad-1", JobState.PENDING),
                        new JobSummary("J-3", "iad-3", JobState.BACKUP)),
                store.summariesOfCampaign("C-1"));
        assertEquals(List.of(), store.summariesOfCampaign("C-404"));
    }

    @Test
    void givenManyTransitions_whenFound_thenHistoryIsInOrderWithTimesAndMessages() throws Exception {
        store.create(job("J-1", "iad-1", null, T0));
        JobState[] loop = {JobState.BACKUP, JobState.AWAITING_DECISION};
        JobState current = JobState.PENDING;
        List<StepRecord> expected = new ArrayList<>(store.find("J-1").orElseThrow().history());
        for (int i = 1; i <= 12; i++) {
            StepRecord entry = new StepRecord(loop[i % 2], T0.plusSeconds(i), "step " + i);
            assertTrue(store.transition("J-1", current, entry, UNCHANGED));
            expected.add(entry);
            current = entry.state();
        }

        StoredJob job = store.find("J-1").orElseThrow();
        assertEquals(expected, job.history());
        assertEquals(current, job.state());
        assertEquals(T0.plusSeconds(12), job.updatedAt());
        assertEquals(T0, job.createdAt());
    }

    @Test
    void givenARecord_whenATransitionChangesIt_thenTheChangeAppliesToTheStoredRecordAndTheRestIsKept()
            throws Exception {
        BackupEvidence keep = new BackupEvidence(3, "ab".repeat(32), "1");
        store.create(job("J-1", "iad-1", null, T0, JobRecord.EMPTY.withOldVersion("1.0.0").withBackup(keep)
                .withDecision(new DecisionTaken(Decision.RETRY, JobState.PENDING))));
        UnaryOperator<JobRecord> change = r -> r.withoutDecision().withFailure(JobState.PENDING, "sha256=ab\ncd\\ef",
                true);

        assertTrue(store.transition("J-1", JobState.PENDING, entry(JobState.BACKUP), change));

        assertEquals(JobRecord.EMPTY.withOldVersion("1.0.0").withBackup(keep)
                .withFailure(JobState.PENDING, "sha256=ab\ncd\\ef", true), store.find("J-1").orElseThrow().record());
        assertEquals(1, store.find("J-1").orElseThrow().record().attempts(JobState.PENDING));
    }

    @Test
    void givenAJobNoLongerInTheExpectedState_whenTransitioned_thenRefusedAndNothingChanges() throws Exception {
        store.create(job("J-1", "iad-1", null, T0, JobRecord.EMPTY.withOldVersion("1")));
        StoredJob before = store.find("J-1").orElseThrow();

        assertFalse(
                store.transition("J-1", JobState.BACKUP, entry(JobState.VERIFY_BACKUP), r -> r.withOldVersion("2")));
        assertFalse(store.transition("J-404", JobState.PENDING, entry(JobState.BACKUP), UNCHANGED));

        assertEquals(before, store.find("J-1").orElseThrow());
    }

    @Test
    void givenATerminalExpectedState_whenTransitioned_thenRefusedAsAProgrammingError() throws Exception {
        store.create(job("J-1", "iad-1", null, T0));
        assertThrows(IllegalArgumentException.class,
                () -> store.transition("J-1", JobState.DONE, entry(JobState.PENDING), UNCHANGED));
    }

    @Test
    void givenADeviceWithAnActiveJob_whenASecondIsCreated_thenRefusedNamingTheFirstUntilItEnds() throws Exception {
        store.create(job("J-1", "iad-1", null, T0));
        store.create(job("J-other", "iad-2", null, T0));

        StoreException refused = assertThrows(DeviceBusy.class, () -> store.create(job("J-2", "iad-1", null, T0)));
        assertTrue(refused.getMessage().contains("iad-1") && refused.getMessage().contains("J-1"),
                refused.getMessage());
        assertTrue(store.find("J-2").isEmpty());

        assertTrue(store.transition("J-1", JobState.PENDING, entry(JobState.ABORTED), UNCHANGED));
        store.create(job("J-2", "iad-1", null, T0.plusSeconds(1)));
        assertEquals(JobState.PENDING, store.find("J-2").orElseThrow().state());
    }

    @Test
    void givenAJobId_whenCreatedTwice_thenTheSecondIsRefused() throws Exception {
        store.create(job("J-1", "iad-1", null, T0));
        assertTrue(store.transition("J-1", JobState.PENDING, entry(JobState.FAILED), UNCHANGED));

        StoreException refused = assertThrows(StoreException.class, () -> store.create(job("J-1", "iad-9", null, T0)));
        assertTrue(refused.getMessage().contains("already exists"), refused.getMessage());
        assertFalse(refused instanceof DeviceBusy, "a duplicate id is not a busy device");
    }

    @Test
    void givenTwoCreatesForOneDeviceAtOnce_thenExactlyOneSucceeds() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Callable<String>> creators = new ArrayList<>();
        for (String id : List.of("J-a", "J-b")) {
            creators.add(() -> {
                start.await();
                try {
                    store.create(job(id, "iad-1", null, T0));
                    return "created";
                } catch (DeviceBusy e) {
                    return e.getMessage();
                }
            });
        }
        List<String> outcomes = runTogether(creators);

        assertEquals(1, Collections.frequency(outcomes, "created"), outcomes.toString());
        String refusal = outcomes.stream().filter(o -> !o.equals("created")).findFirst().orElseThrow();
        assertTrue(refusal.contains("already has job"), refusal);
    }

    @Test
    void givenAnExistingSchema_whenTheStoreOpensAgain_thenNothingIsReappliedAndDataStays() throws Exception {
        store.create(job("J-1", "iad-1", null, T0));

        JdbcJobStore reopened = new JdbcJobStore(dataSource, clock);
        new JdbcJobStore(dataSource, clock);

        assertEquals(store.find("J-1"), reopened.find("J-1"));
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version FROM uplift_schema_version ORDER BY version")) {
            List<Integer> versions = new ArrayList<>();
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
            assertEquals(Schema.MIGRATIONS.stream().map(Migration::version).toList(), versions);
        }
    }

    /** Issue 14 item 8: a job stored before prompts existed gets its prompt count from its history, and no decider. */
    @Test
    void givenAJobThatWaitedTwiceBeforeStep2_whenMigrated_thenItsPromptIsTwoAndNoOneIsNamed() throws Exception {
        store.create(job("J-1", "iad-1", null, T0));
        assertTrue(store.transition("J-1", JobState.PENDING, entry(JobState.AWAITING_DECISION), UNCHANGED));
        assertTrue(store.transition("J-1", JobState.AWAITING_DECISION, entry(JobState.BACKUP), UNCHANGED));
        assertTrue(store.transition("J-1", JobState.BACKUP, entry(JobState.AWAITING_DECISION), UNCHANGED));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // as a version-1 database: the columns' defaults, step 2 (and every later one) not recorded
            statement.executeUpdate("UPDATE uplift_jobs SET prompt = 0");
            statement.executeUpdate("DELETE FROM uplift_schema_version WHERE version >= 2");
        }

        StoredJob migrated = new JdbcJobStore(dataSource, clock).find("J-1").orElseThrow();

        assertEquals(2, migrated.prompt());
        assertNull(migrated.decided());
    }

    /** Step 4: the history's length moves onto the job's row, counted from the history an older Uplift wrote. */
    @Test
    void givenAJobWithHistoryBeforeStep4_whenMigratedAndMoved_thenItsNextEntryFollowsItsHistory() throws Exception {
        store.create(job("J-1", "iad-1", null, T0));
        assertTrue(store.transition("J-1", JobState.PENDING, entry(JobState.BACKUP), UNCHANGED));
        assertTrue(store.transition("J-1", JobState.BACKUP, entry(JobState.VERIFY_BACKUP), UNCHANGED));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            // as a version-3 database: the column's default, step 4 not recorded
            statement.executeUpdate("UPDATE uplift_jobs SET history_length = 0");
            statement.executeUpdate("DELETE FROM uplift_schema_version WHERE version >= 4");
        }

        JdbcJobStore migrated = new JdbcJobStore(dataSource, clock);
        assertTrue(migrated.transition("J-1", JobState.VERIFY_BACKUP, entry(JobState.KEEP_OLD_VERSION), UNCHANGED));

        assertEquals(List.of(JobState.PENDING, JobState.BACKUP, JobState.VERIFY_BACKUP, JobState.KEEP_OLD_VERSION),
                migrated.find("J-1").orElseThrow().history().stream().map(StepRecord::state).toList());
    }

    @Test
    void givenASchemaNewerThanTheCode_whenTheStoreOpens_thenItRefusesSayingSo() throws Exception {
        int future = Schema.latestVersion() + 1;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO uplift_schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
            insert.setInt(1, future);
            insert.setString(2, "from the future");
            insert.setLong(3, T0.toEpochMilli());
            insert.executeUpdate();
        }

        StoreException refused = assertThrows(StoreException.class, () -> new JdbcJobStore(dataSource, clock));
        assertTrue(refused.getMessage().contains("version " + future), refused.getMessage());
        assertTrue(refused.getMessage().contains("newer"), refused.getMessage());
    }

    @Test
    void givenTwoNodesClaimingAtOnce_thenEveryJobIsClaimedExactlyOnce() throws Exception {
        int jobs = 24;
        for (int i = 0; i < jobs; i++) {
            store.create(job(String.format("J-%02d", i), "iad-" + i, null, T0.plusMillis(i)));
        }
        JdbcJobStore otherNode = new JdbcJobStore(dataSource, clock);
        CyclicBarrier start = new CyclicBarrier(2);

        List<String> claimedIds = new ArrayList<>();
        List<Callable<List<String>>> nodes = List.of(
                () -> claimUntilNoneLeft(store, "node-a", start),
                () -> claimUntilNoneLeft(otherNode, "node-b", start));
        for (List<String> claims : runTogether(nodes)) {
            claimedIds.addAll(claims);
        }

        assertEquals(jobs, claimedIds.size(), "claims: " + claimedIds);
        assertEquals(jobs, new HashSet<>(claimedIds).size(), "a job claimed twice: " + claimedIds);
        for (StoredJob job : store.list(jobs)) {
            assertEquals(JobState.BACKUP, job.state(), job.id());
        }
    }

    @Test
    void givenAClaimedJob_whenItsLeaseRunsOut_thenAnotherNodeMayClaimIt() throws Exception {
        store.create(job("J-1", "iad-1", null, T0));

        StoredJob claimed = single(store.claim("node-a", LEASE, 10, RUNNABLE));
        assertEquals("node-a", claimed.owner());
        assertEquals(T0.plus(LEASE), claimed.leaseUntil());

        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of(), store.claim("node-b", LEASE, 10, RUNNABLE));
        assertEquals("J-1", single(store.claim("node-a", LEASE, 10, RUNNABLE)).id(), "the owner may claim again");

        clock.advance(LEASE.plusSeconds(1));
        StoredJob taken = single(store.claim("node-b", LEASE, 10, RUNNABLE));
        assertEquals("node-b", taken.owner());
        assertEquals(clock.instant().plus(LEASE), taken.leaseUntil());
    }

    @Test
    void givenClaimedJobs_whenRenewed_thenTheirLeasesAreExtended() throws Exception {
        store.create(job("J-1", "iad-1", null, T0));
        store.create(job("J-2", "iad-2", null, T0));
        store.create(job("J-3", "iad-3", null, T0));
        assertEquals(2, store.claim("node-a", LEASE, 2, RUNNABLE).size());
        assertEquals(1, store.claim("node-b", LEASE, 2, RUNNABLE).size());

        clock.advance(Duration.ofSeconds(20));
        assertEquals(Set.of("J-1", "J-2"), store.renew("node-a", LEASE));

        clock.advance(Duration.ofSeconds(20));
        assertEquals(List.of("J-3"), ids(store.claim("node-c", LEASE, 10, RUNNABLE)), "only node-b's lease ran out");
        for (StoredJob job : store.list(10)) {
            if (!job.id().equals("J-3")) {
                assertEquals(T0.plusSeconds(20).plus(LEASE), job.leaseUntil(), job.id());
            }
        }
    }

    /** Issue 14 item 9: a node that paused past its lease writes nothing, renews nothing, and an operator's stale copy neither. */
    @Test
    void givenALeaseThatRanOut_whenItsFormerHolderWrites_thenNothingIsStored() throws Exception {
        store.create(job("J-1", "iad-1", null, T0));
        StoredJob claimed = single(store.claim("node-a", LEASE, 1, RUNNABLE));
        StoredJob moved = store.move(claimed, entry(JobState.BACKUP), UNCHANGED, "node-a").orElseThrow();
        assertTrue(store.move(moved, entry(JobState.VERIFY_BACKUP), UNCHANGED, "node-b").isEmpty(),
                "node-b holds no lease");

        clock.advance(LEASE.plusSeconds(1));
        assertTrue(store.move(moved, entry(JobState.VERIFY_BACKUP), UNCHANGED, "node-a").isEmpty(),
                "the lease ran out");
        assertEquals(Set.of(), store.renew("node-a", LEASE), "a lease that ran out is not renewed");
        StoredJob operatorsCopy = store.find("J-1").orElseThrow();
        StoredJob taken = single(store.claim("node-b", LEASE, 1, Set.of(JobState.BACKUP)));

        assertTrue(store.move(moved, entry(JobState.VERIFY_BACKUP), UNCHANGED, "node-a").isEmpty(), "node-b owns it");
        assertTrue(store.move(operatorsCopy, entry(JobState.AWAITING_DECISION), UNCHANGED).isEmpty(),
                "read before node-b took it");
        StoredJob byB = store.move(taken, entry(JobState.VERIFY_BACKUP), UNCHANGED, "node-b").orElseThrow();
        assertEquals(List.of(JobState.PENDING, JobState.BACKUP, JobState.VERIFY_BACKUP),
                byB.history().stream().map(StepRecord::state).toList());
        assertTrue(store.move(byB, entry(JobState.AWAITING_DECISION), UNCHANGED).isPresent(),
                "an operator with a fresh copy");
    }

    /** Issue 14 item 9: leases are measured by the database's clock, whatever the nodes' clocks say. */
    @Test
    void givenANodeClockYearsBehind_whenItCreatesAnOwnedJob_thenTheLeaseRunsByTheDatabaseClock() throws Exception {
        JdbcJobStore byDatabase = new JdbcJobStore(dataSource, clock, LeaseTime.DATABASE);
        Instant before = Instant.now();
        // created "at" T0 (2024) with a 30 s lease: by that clock the lease ran out long ago
        byDatabase.create(
                new StoredJob("J-1", "iad-1", "fw-2.0.0", "2.0.0", null, JobState.PENDING, T0, T0, JobRecord.EMPTY,
                        List.of(new StepRecord(JobState.PENDING, T0, "accepted")), "node-a", T0.plus(LEASE)));

        Instant leaseUntil = byDatabase.find("J-1").orElseThrow().leaseUntil();
        assertTrue(
                !leaseUntil.isBefore(before.plus(LEASE).minusSeconds(5))
                        && leaseUntil.isBefore(Instant.now().plus(LEASE).plusSeconds(5)),
                "about the database's now + 30 s: " + leaseUntil);
        assertEquals(List.of(), byDatabase.claim("node-b", LEASE, 1, RUNNABLE), "node-a's lease still runs");
        assertEquals(Set.of("J-1"), byDatabase.renew("node-a", LEASE));
        assertEquals("J-1", single(byDatabase.claim("node-a", LEASE, 1, RUNNABLE)).id());
    }

    /** Issue 14 item 8: each wait is a new prompt; an answer is stored only for the open one, with who gave it. */
    @Test
    void givenAJobWaitingTwice_whenPromptsAreAnswered_thenOnlyTheOpenOneIsAndWhoAnsweredIsKept() throws Exception {
        store.create(job("J-1", "iad-1", null, T0));
        assertTrue(store.transition("J-1", JobState.PENDING, entry(JobState.AWAITING_DECISION), UNCHANGED));
        StoredJob first = store.find("J-1").orElseThrow();
        assertEquals(1, first.prompt());
        DecisionRecord alice = new DecisionRecord(1, Decision.RETRY, "alice", "shell", T0.plusSeconds(9));

        StoredJob answered = store.answer(first, alice, entry(JobState.BACKUP), UNCHANGED).orElseThrow();
        assertEquals(alice, answered.decided());
        assertEquals(answered, store.find("J-1").orElseThrow());
        DecisionRecord bob = new DecisionRecord(1, Decision.ABORT, "bob", "rest", T0.plusSeconds(10));
        assertTrue(store.answer(first, bob, entry(JobState.ABORTED), UNCHANGED).isEmpty(), "prompt 1 is answered");

        assertTrue(store.transition("J-1", JobState.BACKUP, entry(JobState.AWAITING_DECISION), UNCHANGED));
        StoredJob again = store.find("J-1").orElseThrow();
        assertEquals(2, again.prompt());
        assertEquals(alice, again.decided(), "the newest answered prompt until the next answer");
        assertTrue(store.answer(again, bob, entry(JobState.ABORTED), UNCHANGED).isEmpty(),
                "bob answered prompt 1, not 2");
        DecisionRecord bob2 = new DecisionRecord(2, Decision.ABORT, "bob", "rest", T0.plusSeconds(11));
        assertEquals(bob2, store.answer(again, bob2, entry(JobState.ABORTED), UNCHANGED).orElseThrow().decided());
    }

    @Test
    void givenAClaimedJob_whenReleased_thenItIsFreeForAnyNode() throws Exception {
        store.create(job("J-1", "iad-1", null, T0));
        single(store.claim("node-a", LEASE, 1, RUNNABLE));

        store.release("J-1", "node-b");
        assertEquals("node-a", store.find("J-1").orElseThrow().owner(), "only the owner releases");

        store.release("J-1", "node-a");
        StoredJob released = store.find("J-1").orElseThrow();
        assertNull(released.owner());
        assertNull(released.leaseUntil());
        assertEquals("node-b", single(store.claim("node-b", LEASE, 1, RUNNABLE)).owner());
    }

    @Test
    void givenAClaimedJob_whenItEnds_thenTheMoveThatEndsItReleasesItsLease() throws Exception {
        store.create(job("J-1", "iad-1", null, T0));
        StoredJob claimed = single(store.claim("node-a", LEASE, 1, RUNNABLE));
        StoredJob moved = store.move(claimed, entry(JobState.BACKUP), UNCHANGED).orElseThrow();
        assertEquals("node-a", moved.owner(), "a job under way keeps its lease");

        StoredJob done = store.move(moved, entry(JobState.DONE), UNCHANGED).orElseThrow();

        StoredJob stored = store.find("J-1").orElseThrow();
        assertNull(stored.owner());
        assertNull(stored.leaseUntil());
        assertEquals(stored, done, "what the move returns is what is stored");
    }

    @Test
    void givenJobsInSeveralStates_whenClaimed_thenOnlyTheAskedStatesUpToMaxOldestFirst() throws Exception {
        store.create(job("J-1", "iad-1", null, T0.plusSeconds(1)));
        store.create(job("J-2", "iad-2", null, T0.plusSeconds(2)));
        store.create(job("J-3", "iad-3", null, T0.plusSeconds(3)));
        store.create(job("J-4", "iad-4", null, T0.plusSeconds(4)));
        store.transition("J-2", JobState.PENDING, entry(JobState.BACKUP), UNCHANGED);
        store.transition("J-3", JobState.PENDING, entry(JobState.DONE), UNCHANGED);

        assertEquals(List.of("J-1", "J-2"),
                ids(store.claim("node-a", LEASE, 2, Set.of(JobState.PENDING, JobState.BACKUP))));
        assertEquals(List.of("J-4"), ids(store.claim("node-b", LEASE, 5, RUNNABLE)));
        assertEquals(List.of(), store.claim("node-b", LEASE, 0, RUNNABLE));
        assertEquals(List.of(), store.claim("node-b", LEASE, 5, Set.of()));
    }

    @Test
    void givenAVeryLongMessage_whenStored_thenItIsCutNotRefused() throws Exception {
        store.create(job("J-1", "iad-1", null, T0));
        String longMessage = "x".repeat(Limits.MESSAGE_CHARS * 2);

        assertTrue(
                store.transition("J-1", JobState.PENDING, new StepRecord(JobState.BACKUP, T0, longMessage), UNCHANGED));

        String stored = store.find("J-1").orElseThrow().history().get(1).message();
        assertEquals(Limits.MESSAGE_CHARS, stored.length());
        assertTrue(stored.endsWith("(cut)"));
    }

    @Test
    void givenAClaimedJob_whenMoved_thenWhatIsReturnedIsWhatAReadGivesBack() throws Exception {
        BackupEvidence keep = new BackupEvidence(1, "cd".repeat(32), "");
        store.create(job("J-1", "iad-1", null, T0, JobRecord.EMPTY.withOldVersion("1.0.0").withBackup(keep)
                .withDecision(new DecisionTaken(Decision.ABORT, JobState.PENDING))));
        StoredJob claimed = single(store.claim("node-a", LEASE, 1, RUNNABLE));
        UnaryOperator<JobRecord> change = r -> r.withoutDecision().withAfterRollback(AfterRollback.RETRY);
        // a clock finer than the store's milliseconds, and a message longer than it keeps
        StepRecord entry = new StepRecord(JobState.BACKUP, T0.plusNanos(1_234_567),
                "y".repeat(Limits.MESSAGE_CHARS + 5));

        StoredJob moved = store.move(claimed, entry, change).orElseThrow();

        assertEquals(store.find("J-1").orElseThrow(), moved);
        assertEquals(JobRecord.EMPTY.withOldVersion("1.0.0").withBackup(keep).withAfterRollback(AfterRollback.RETRY),
                moved.record());
        assertEquals("node-a", moved.owner());
        assertEquals(JobState.BACKUP, moved.state());
        StoredJob done = store.move(moved, entry(JobState.ABORTED), UNCHANGED).orElseThrow();
        assertEquals(store.find("J-1").orElseThrow(), done);
        store.create(job("J-2", "iad-1", null, T0.plusSeconds(2)));
    }

    @Test
    void givenACopyOlderThanTheStoredHistory_whenMovedFromTheSameState_thenTheWholeStoredHistoryComesBack()
            throws Exception {
        store.create(job("J-1", "iad-1", null, T0));
        StoredJob stale = store.find("J-1").orElseThrow();
        assertTrue(store.transition("J-1", JobState.PENDING, entry(JobState.AWAITING_DECISION), UNCHANGED));
        assertTrue(store.transition("J-1", JobState.AWAITING_DECISION, entry(JobState.FAILED), UNCHANGED));
        store.create(job("J-2", "iad-2", null, T0));
        StoredJob other = store.find("J-2").orElseThrow();
        assertTrue(store.transition("J-2", JobState.PENDING, entry(JobState.BACKUP), UNCHANGED));
        assertTrue(store.transition("J-2", JobState.BACKUP, entry(JobState.PENDING), UNCHANGED));

        assertTrue(store.move(stale, entry(JobState.BACKUP), UNCHANGED).isEmpty(), "J-1 is no longer PENDING");
        StoredJob moved = store.move(other, entry(JobState.BACKUP), UNCHANGED).orElseThrow();

        assertEquals(4, moved.history().size());
        assertEquals(store.find("J-2").orElseThrow(), moved);
    }

    private static List<String> claimUntilNoneLeft(JobStore node, String nodeId, CyclicBarrier start) throws Exception {
        start.await();
        List<String> claimed = new ArrayList<>();
        while (true) {
            List<StoredJob> batch = node.claim(nodeId, LEASE, 3, RUNNABLE);
            if (batch.isEmpty()) {
                return claimed;
            }
            for (StoredJob job : batch) {
                assertEquals(nodeId, job.owner());
                claimed.add(job.id());
                // out of PENDING, so the owner's next claim moves on to other jobs
                assertTrue(node.transition(job.id(), JobState.PENDING, entry(JobState.BACKUP), UNCHANGED), job.id());
            }
        }
    }

    private static <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : threads.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }

    private static StoredJob single(List<StoredJob> jobs) {
        assertEquals(1, jobs.size(), "claimed: " + ids(jobs));
        return jobs.get(0);
    }

    private static List<String> ids(List<StoredJob> jobs) {
        return jobs.stream().map(StoredJob::id).toList();
    }

    /** A record with every field set, awkward text included: what a store gives back must equal it. */
    static JobRecord everyField() {
        return JobRecord.planned(RetryPolicy.parse("retry:2:abort"),
                new JobPlan(List.of(new JobPlan.Step("BACKUP", true, "uplift-iad over tftp\tdigest"),
                        new JobPlan.Step("RESTORE", false, "no \"restore\" here\nat all"))),
                Optional.of("fw-1.0.0"))
                .withOldVersion("1.0.0").withBackup(new BackupEvidence(7, "ef".repeat(32), ""))
                .withUpdate(UpdateWatch.awaitingRestart(1_714_557_600_123L, 4_294_967_295L, -1))
                .withMigrated(
                        new MigratedConfig(Path.of("/var/uplift/work/J-1/configuration-format-2.cfg"), "01".repeat(32)))
                .withFailure(JobState.VERIFY_UPDATE, "time-out: Grüße ✓ \\ \u0007", true)
                .withFailure(JobState.VERIFY_UPDATE, "again", true).withAfterRollback(AfterRollback.ABORT)
                .withDecision(new DecisionTaken(Decision.ABORT, JobState.ROLLBACK));
    }

    private static StepRecord entry(JobState state) {
        return new StepRecord(state, T0.plusSeconds(1), "to " + state);
    }

    private static StoredJob job(String id, String device, String campaign, Instant created) {
        return job(id, device, campaign, created, JobRecord.EMPTY);
    }

    private static StoredJob job(String id, String device, String campaign, Instant created, JobRecord record) {
        return new StoredJob(id, device, "fw-2.0.0", "2.0.0", campaign, JobState.PENDING, created, created, record,
                List.of(new StepRecord(JobState.PENDING, created, "accepted")), null, null);
    }
}
