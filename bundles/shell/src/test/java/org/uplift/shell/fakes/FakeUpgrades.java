package org.uplift.shell.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.uplift.api.workflow.Decider;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobPlan;
import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.StepRecord;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeRequest;
import org.uplift.api.workflow.UpgradeService;

/** An in-memory UpgradeService whose jobs a test moves from step to step. */
public class FakeUpgrades implements UpgradeService {

    public static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private final Map<String, Job> jobs = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, long[]> transfers = Collections.synchronizedMap(new HashMap<>());
    private final Set<String> devices = new HashSet<>();
    public final List<String> decisions = Collections.synchronizedList(new ArrayList<>());
    public volatile int jobReads;
    public volatile int progressReads;

    /** Devices start() accepts. */
    public FakeUpgrades withDevices(String... ids) {
        devices.addAll(List.of(ids));
        return this;
    }

    @Override
    public Job start(String deviceId, String firmwareVersion) throws UpgradeException {
        return start(deviceId, firmwareVersion, RetryPolicy.ASK);
    }

    @Override
    public Job start(String deviceId, String firmwareVersion, RetryPolicy policy) throws UpgradeException {
        if (!devices.contains(deviceId)) {
            throw new UpgradeException(UpgradeException.Reason.UNKNOWN_DEVICE,
                    "device " + deviceId + " is in no inventory: add it with uplift:device-add");
        }
        return add(String.format("job%05d", jobs.size() + 1), deviceId, firmwareVersion, null);
    }

    @Override
    public Job start(UpgradeRequest request) {
        throw new UnsupportedOperationException("not used by the shell");
    }

    /** A new job in PENDING. */
    public Job add(String id, String deviceId, String version, String campaignId) {
        Job job = new Job(id, deviceId, "IAD-1000-" + version, version, JobState.PENDING, T0,
                List.of(new StepRecord(JobState.PENDING, T0, "accepted")), campaignId,
                new JobPlan(List.of(new JobPlan.Step("BACKUP", true, "uplift-iad over tftp"),
                        new JobPlan.Step("RESTORE", false, "\u001b]0;evil\u0007 left out"))));
        jobs.put(id, job);
        return job;
    }

    /** The job enters a state, as the engine records it. */
    public void enter(String id, JobState state, String message) {
        Job j = jobs.get(id);
        List<StepRecord> history = new ArrayList<>(j.history());
        Instant at = T0.plusSeconds(history.size());
        history.add(new StepRecord(state, at, message));
        jobs.put(id, new Job(j.id(), j.deviceId(), j.firmwareId(), j.targetVersion(), state, j.createdAt(), history,
                j.campaignId(), j.plan()));
        transfers.remove(id);
    }

    /** The job's current step has moved {@code bytes} of {@code total} (-1: unknown). */
    public void transfer(String id, long bytes, long total) {
        transfers.put(id, new long[]{bytes, total});
    }

    @Override
    public List<Job> jobsOfCampaign(String campaignId) {
        synchronized (jobs) {
            return jobs.values().stream().filter(j -> campaignId.equals(j.campaignId())).toList();
        }
    }

    @Override
    public Job decide(String jobId, Decision decision) throws UpgradeException {
        Job job = jobs.get(jobId);
        if (job == null) {
            throw new UpgradeException(UpgradeException.Reason.UNKNOWN_JOB, "no job '" + jobId + "'"); // as the engine says it
        }
        decisions.add(jobId + " " + decision);
        return job;
    }

    /** Notes the prompt and who answered it: "id RETRY prompt 2 by an operator (shell)". */
    @Override
    public Job decide(String jobId, int prompt, Decision decision, Decider decider) throws UpgradeException {
        Job job = decide(jobId, decision);
        decisions.set(decisions.size() - 1, jobId + " " + decision + " prompt " + prompt + " by " + decider.by()
                + " (" + decider.from() + ")");
        return job;
    }

    @Override
    public Optional<Job> job(String id) {
        jobReads++;
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public Optional<JobProgress> progress(String jobId) {
        progressReads++;
        Job job = jobs.get(jobId);
        if (job == null) {
            return Optional.empty();
        }
        long[] t = transfers.get(jobId);
        return Optional.of(t == null ? new JobProgress(jobId, job.state(), 0, -1)
                : new JobProgress(jobId, job.state(), t[0], t[1]));
    }

    @Override
    public List<Job> jobs() {
        synchronized (jobs) {
            List<Job> all = new ArrayList<>(jobs.values());
            Collections.reverse(all);
            return all;
        }
    }
}
