package org.uplift.workflow.campaign;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignState;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.WaveProgress;

/** Builds the API's snapshot of a campaign from its stored form and its jobs. */
final class CampaignViews {

    private CampaignViews() {
    }

    static Map<String, Job> byId(List<Job> jobs) {
        Map<String, Job> map = new HashMap<>();
        jobs.forEach(j -> map.put(j.id(), j));
        return map;
    }

    static Map<String, JobState> states(Map<String, Job> jobs) {
        Map<String, JobState> states = new HashMap<>();
        jobs.forEach((id, job) -> states.put(id, job.state()));
        return states;
    }

    /** @param jobs the state of each of the campaign's jobs, by job id */
    static Map<Integer, SlotStatus> statuses(StoredCampaign c, Map<String, JobState> jobs) {
        Map<Integer, SlotStatus> status = new HashMap<>();
        c.slots().forEach(s -> status.put(s.seq(), SlotStatus.of(s, jobs)));
        return status;
    }

    static Campaign campaign(StoredCampaign c, Map<String, Job> jobs) {
        List<WaveProgress> waves = new ArrayList<>();
        Map<String, JobState> states = states(jobs);
        for (int w = 0; w < c.waveCount(); w++) {
            waves.add(wave(w, c.wave(w), jobs, states));
        }
        int current = c.state() == CampaignState.COMPLETED ? c.waveCount() : c.currentWave() + 1;
        return new Campaign(c.id(), c.request(), c.state(), c.message(), c.createdAt(), c.updatedAt(), current, waves);
    }

    private static WaveProgress wave(int index, List<Slot> slots, Map<String, Job> jobs, Map<String, JobState> states) {
        int[] count = new int[SlotStatus.values().length];
        List<String> failures = new ArrayList<>();
        for (Slot s : slots) {
            SlotStatus status = SlotStatus.of(s, states);
            count[status.ordinal()]++;
            if (status == SlotStatus.FAILED) {
                failures.add(failure(s, jobs.get(s.jobId())));
            }
        }
        return new WaveProgress(index + 1, slots.size(), count[SlotStatus.DONE.ordinal()],
                count[SlotStatus.FAILED.ordinal()],
                count[SlotStatus.AWAITING_DECISION.ordinal()],
                count[SlotStatus.RUNNING.ordinal()] + count[SlotStatus.STARTING.ordinal()],
                count[SlotStatus.PENDING.ordinal()], failures);
    }

    private static String failure(Slot s, Job job) {
        if (s.startError() != null) {
            return s.deviceId() + ": not started: " + s.startError();
        }
        return s.deviceId() + ": job " + s.jobId() + " " + job.state() + ": " + job.lastMessage();
    }
}
