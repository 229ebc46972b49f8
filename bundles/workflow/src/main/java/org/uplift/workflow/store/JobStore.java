package org.uplift.workflow.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.uplift.api.workflow.DecisionRecord;
import org.uplift.api.workflow.JobQuery;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.StepRecord;

/**
 * Durable jobs. Every transition is written here before the engine acts on it, so a restart (of
 * Karaf, of the bundle, or of another node) finds each job where it was. Several nodes may share
 * one store: a job runs on the node holding its lease.
 */
public interface JobStore {

    /**
     * Stores a new job with its first history entry ({@code job.history()} has exactly one).
     *
     * @throws StoreException if the device already has a job that is not terminal (the message names it)
     */
    void create(StoredJob job) throws StoreException;

    /**
     * Atomically moves a job from {@code expected} to {@code entry.state()}, appends {@code entry} to its
     * history and applies {@code change} to its record as stored (under the row's lock, so a change made
     * meanwhile by another move is kept).
     *
     * @return {@code false} (and changes nothing) if the job is not in {@code expected} any more
     */
    boolean transition(String jobId, JobState expected, StepRecord entry, UnaryOperator<JobRecord> change)
            throws StoreException;

    /**
     * {@link #transition} of {@code job} from the state it is in, returning the job as stored afterwards
     * (what {@link #find} would return), or empty if it is not in that state any more or its owner is no
     * longer the one {@code job} names (a node took it up, or gave it up, since). A store should do it in
     * one round trip: it is what every step of every job does.
     */
    Optional<StoredJob> move(StoredJob job, StepRecord entry, UnaryOperator<JobRecord> change)
            throws StoreException;

    /**
     * {@link #move} by the node driving the job: stored only while {@code holder} owns the job with a
     * lease that has not run out by the store's clock; otherwise empty (the node lost the job).
     */
    Optional<StoredJob> move(StoredJob job, StepRecord entry, UnaryOperator<JobRecord> change, String holder)
            throws StoreException;

    /**
     * {@link #move} of a job waiting for a decision by someone answering its prompt {@code answer.prompt()};
     * stored, with who answered, only if that prompt is still the open one. Empty otherwise: the caller reads
     * the job again to say who answered first.
     */
    Optional<StoredJob> answer(StoredJob waiting, DecisionRecord answer, StepRecord entry,
            UnaryOperator<JobRecord> change) throws StoreException;

    Optional<StoredJob> find(String jobId) throws StoreException;

    /** The newest {@code limit} jobs, newest first. */
    List<StoredJob> list(int limit) throws StoreException;

    /** One page of the jobs a query selects, newest first, and how many it selects in all. */
    Page query(JobQuery query) throws StoreException;

    /** A page of jobs and the number matching the query in all pages. */
    record Page(List<StoredJob> jobs, long total) {

        public Page {
            jobs = List.copyOf(jobs);
        }
    }

    /** The jobs of a campaign, oldest first. */
    List<StoredJob> ofCampaign(String campaignId) throws StoreException;

    /** The jobs of a campaign without their histories, oldest first; a store should read only what this returns. */
    default List<JobSummary> summariesOfCampaign(String campaignId) throws StoreException {
        return ofCampaign(campaignId).stream().map(j -> new JobSummary(j.id(), j.deviceId(), j.state())).toList();
    }

    /**
     * Claims up to {@code max} jobs in one of {@code states} whose lease is free, expired or already
     * {@code nodeId}'s, for {@code nodeId} until now + {@code lease}. Two nodes calling at once never
     * get the same job (row locks: {@code SELECT ... FOR UPDATE SKIP LOCKED} or equivalent).
     */
    List<StoredJob> claim(String nodeId, Duration lease, int max, Set<JobState> states) throws StoreException;

    /**
     * Extends every lease {@code nodeId} holds that has not run out to now + {@code lease}, now by the
     * store's clock; returns the ids of those jobs. A lease that ran out is not renewed: another node may
     * have claimed the job, and the node must stop driving it.
     */
    Set<String> renew(String nodeId, Duration lease) throws StoreException;

    /** Gives a job's lease up (it ended, or the node stops). */
    void release(String jobId, String nodeId) throws StoreException;
}
