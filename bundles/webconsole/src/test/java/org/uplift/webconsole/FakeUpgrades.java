package org.uplift.webconsole;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.uplift.api.workflow.Decider;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobPage;
import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.JobQuery;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.StepRecord;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeRequest;
import org.uplift.api.workflow.UpgradeService;

/**
 * An in-memory stand-in for the workflow engine in unit tests of the page: it holds given jobs, answers
 * {@link #progress} from given values, and applies decisions the way the engine's contract says (RETRY only of a
 * waiting job). The real engine behind the page is exercised by WebConsoleIT in a running Karaf.
 */
final class FakeUpgrades implements UpgradeService {

    final Map<String, Job> jobs = new LinkedHashMap<>();
    final Map<String, JobProgress> live = new LinkedHashMap<>();
    final List<String> decisions = new ArrayList<>();
    final List<Decider> deciders = new ArrayList<>();
    final List<String> progressAsked = new ArrayList<>();
    RuntimeException failure;
    int listLimit = JobQuery.MAX_LIMIT;

    static Job job(String id, String device, JobState state, String lastMessage) {
        Instant t = Instant.parse("2025-03-01T10:00:00Z");
        return new Job(id, device, "IAD-1000-2.0.0", "2.0.0", state, t,
                List.of(new StepRecord(JobState.PENDING, t, "accepted"),
                        new StepRecord(state, t.plusSeconds(5), lastMessage)),
                null);
    }

    FakeUpgrades add(Job job) {
        jobs.put(job.id(), job);
        return this;
    }

    @Override
    public Job start(String deviceId, String firmwareVersion) {
        throw new UnsupportedOperationException("the page starts no jobs");
    }

    @Override
    public Job start(String deviceId, String firmwareVersion, RetryPolicy policy) {
        throw new UnsupportedOperationException("the page starts no jobs");
    }

    @Override
    public Job start(UpgradeRequest request) {
        throw new UnsupportedOperationException("the page starts no jobs");
    }

    @Override
    public Optional<JobProgress> progress(String jobId) {
        progressAsked.add(jobId);
        return Optional.ofNullable(live.get(jobId))
                .or(() -> job(jobId).map(j -> new JobProgress(j.id(), j.state(), 0, -1)));
    }

    @Override
    public List<Job> jobsOfCampaign(String campaignId) {
        return jobs.values().stream().filter(j -> campaignId.equals(j.campaignId())).toList();
    }

    @Override
    public Job decide(String jobId, int prompt, Decision decision, Decider decider) throws UpgradeException {
        deciders.add(decider);
        return decide(jobId, decision);
    }

    @Override
    public Job decide(String jobId, Decision decision) throws UpgradeException {
        Job job = jobs.get(jobId);
        if (job == null) {
            throw new UpgradeException("no job '" + jobId + "'");
        }
        if (job.state().terminal()) {
            throw new UpgradeException("job " + jobId + " has ended (" + job.state() + ")\nnothing to decide");
        }
        if (decision == Decision.RETRY && job.state() != JobState.AWAITING_DECISION) {
            throw new UpgradeException("job " + jobId + " is not waiting for a decision (" + job.state() + ")");
        }
        decisions.add(jobId + " " + decision);
        JobState next = decision == Decision.RETRY ? JobState.ROLLBACK : JobState.ABORTED;
        List<StepRecord> history = new ArrayList<>(job.history());
        history.add(new StepRecord(next, Instant.now(), "operator: " + decision));
        Job changed = new Job(job.id(), job.deviceId(), job.firmwareId(), job.targetVersion(), next, job.createdAt(),
                history, job.campaignId());
        jobs.put(jobId, changed);
        return changed;
    }

    @Override
    public Optional<Job> job(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** The newest {@link #listLimit} jobs, as the engine's list keeps to its longest page. */
    @Override
    public List<Job> jobs() {
        List<Job> all = all();
        return all.subList(0, Math.min(all.size(), listLimit));
    }

    /** Every job counted, as the engine's store query does. */
    @Override
    public JobPage jobs(JobQuery query) {
        List<Job> matching = all().stream().filter(query::matches).toList();
        int from = Math.min(query.offset(), matching.size());
        return new JobPage(matching.subList(from, Math.min(matching.size(), from + query.limit())), matching.size(),
                query.offset(), query.limit());
    }

    private List<Job> all() {
        if (failure != null) {
            throw failure;
        }
        List<Job> newestFirst = new ArrayList<>(jobs.values());
        Collections.reverse(newestFirst);
        return newestFirst;
    }
}
