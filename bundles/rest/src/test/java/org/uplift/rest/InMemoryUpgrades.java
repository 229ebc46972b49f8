package org.uplift.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.uplift.api.workflow.Decider;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.DecisionRecord;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobPlan;
import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.StepRecord;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeException.Reason;
import org.uplift.api.workflow.UpgradeRequest;
import org.uplift.api.workflow.UpgradeService;

/**
 * A test double of {@link UpgradeService} for the resources' request handling: jobs are records a test moves
 * between states by hand. It refuses as the engine does, naming the reason: a device or firmware version it does not
 * know, a device with an unfinished job, a job that is not waiting. The real engine's behaviour is proven by the
 * workflow bundle's tests and RestIT.
 */
class InMemoryUpgrades implements UpgradeService {

    final Map<String, Job> jobs = new LinkedHashMap<>();
    final Map<String, JobProgress> progress = new LinkedHashMap<>();
    final List<UpgradeRequest> started = new ArrayList<>();
    /** Devices the engine knows, and the firmware versions of its catalogue. */
    final Set<String> devices = new TreeSet<>();
    final Set<String> versions = new TreeSet<>();
    /** A refusal every start meets, with its reason. */
    String refuseStartWith;
    Reason refuseStartReason = Reason.BUSY;
    private int next = 1;
    static final Instant DECIDED_AT = Instant.parse("2026-01-02T00:00:00Z");

    Job put(String id, String device, JobState state, String campaign) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(next++);
        Job job = new Job(id, device, "IAD-1000-2.0.0", "2.0.0", state, at,
                List.of(new StepRecord(JobState.PENDING, at, "upgrade"),
                        new StepRecord(state, at.plusSeconds(1), "now " + state)),
                campaign, new JobPlan(List.of(new JobPlan.Step("BACKUP", false, "provisioned"),
                        new JobPlan.Step("UPDATE", true, "docsis-sw downloads IAD-1000-2.0.0 over http"))));
        jobs.put(id, job);
        return job;
    }

    void move(String id, JobState state, String message) {
        Job j = jobs.get(id);
        List<StepRecord> history = new ArrayList<>(j.history());
        history.add(new StepRecord(state, Instant.now(), message));
        jobs.put(id,
                new Job(j.id(), j.deviceId(), j.firmwareId(), j.targetVersion(), state, j.createdAt(), history,
                        j.campaignId(),
                        j.plan()));
    }

    @Override
    public Job start(String deviceId, String firmwareVersion) throws UpgradeException {
        return start(new UpgradeRequest(deviceId, firmwareVersion, RetryPolicy.ASK, null));
    }

    @Override
    public Job start(String deviceId, String firmwareVersion, RetryPolicy policy) throws UpgradeException {
        return start(new UpgradeRequest(deviceId, firmwareVersion, policy, null));
    }

    @Override
    public Job start(UpgradeRequest request) throws UpgradeException {
        if (refuseStartWith != null) {
            throw new UpgradeException(refuseStartReason, refuseStartWith);
        }
        if (!devices.contains(request.deviceId())) {
            throw new UpgradeException(Reason.UNKNOWN_DEVICE,
                    "unknown device '" + request.deviceId() + "': add it with uplift:device-add");
        }
        if (!versions.contains(request.firmwareVersion())) {
            throw new UpgradeException(Reason.UNKNOWN_FIRMWARE, "no firmware version '" + request.firmwareVersion()
                    + "' in the catalogue for model IAD-1000: add it with uplift:firmware-add");
        }
        Optional<Job> unfinished = jobs().stream()
                .filter(j -> j.deviceId().equals(request.deviceId()) && !j.state().terminal())
                .findFirst();
        if (unfinished.isPresent()) {
            throw new UpgradeException(Reason.BUSY,
                    "device " + request.deviceId() + " already has job " + unfinished.get().id()
                            + " (" + unfinished.get().state() + ")");
        }
        started.add(request);
        return put("job-" + next, request.deviceId(), JobState.PENDING, request.campaignId());
    }

    @Override
    public Optional<JobProgress> progress(String jobId) {
        return Optional.ofNullable(progress.get(jobId))
                .or(() -> job(jobId).map(j -> new JobProgress(j.id(), j.state(), 0, -1)));
    }

    @Override
    public List<Job> jobsOfCampaign(String campaignId) {
        return jobs.values().stream().filter(j -> campaignId.equals(j.campaignId())).toList();
    }

    @Override
    public Job decide(String jobId, Decision decision) throws UpgradeException {
        Job job = job(jobId).orElseThrow(() -> new UpgradeException(Reason.UNKNOWN_JOB, "no job '" + jobId + "'"));
        if (job.state().terminal() || (decision == Decision.RETRY && job.state() != JobState.AWAITING_DECISION)) {
            throw new UpgradeException(Reason.NOT_WAITING,
                    "job " + jobId + " is " + job.state() + ", not waiting for a decision");
        }
        move(jobId, decision == Decision.RETRY ? JobState.UPDATE : JobState.ABORTED, "decided " + decision);
        return jobs.get(jobId);
    }

    /** As the engine: the first answer to a prompt is kept with who gave it; a second is refused naming it. */
    @Override
    public Job decide(String jobId, int prompt, Decision decision, Decider decider) throws UpgradeException {
        Job before = job(jobId).orElseThrow(() -> new UpgradeException(Reason.UNKNOWN_JOB, "no job '" + jobId + "'"));
        DecisionRecord last = before.lastDecision();
        if (last != null && last.prompt() == prompt) {
            throw new UpgradeException(Reason.NOT_WAITING,
                    "job " + jobId + ": prompt " + prompt + " already decided by " + last.by());
        }
        Job after = decide(jobId, decision);
        Job decided = new Job(after.id(), after.deviceId(), after.firmwareId(), after.targetVersion(), after.state(),
                after.createdAt(), after.history(), after.campaignId(), after.plan(), before.prompt(),
                new DecisionRecord(prompt == 0 ? before.prompt() : prompt, decision, decider.by(), decider.from(),
                        DECIDED_AT));
        jobs.put(jobId, decided);
        return decided;
    }

    @Override
    public Optional<Job> job(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    @Override
    public List<Job> jobs() {
        return jobs.values().stream().sorted(Comparator.comparing(Job::createdAt).reversed()).toList();
    }
}
