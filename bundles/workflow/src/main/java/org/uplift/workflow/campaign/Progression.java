package org.uplift.workflow.campaign;

import java.util.List;
import java.util.Map;

import org.uplift.api.workflow.CampaignState;

/**
 * The rules that move a running campaign, as one pure function of its stored form and the status of
 * each device. In order: a wave whose failures pass the threshold pauses the campaign (unless the
 * operator resumed past it); a wave that has ended leads to the next, or completes the campaign after
 * the last; otherwise jobs of the current wave are started while fewer than the concurrency limit are
 * unfinished (across all waves, counting jobs that wait for a decision).
 */
final class Progression {

    private Progression() {
    }

    static Step next(StoredCampaign c, Map<Integer, SlotStatus> status) {
        if (c.state() != CampaignState.RUNNING) {
            return new Step.Wait();
        }
        List<Slot> wave = c.wave(c.currentWave());
        if (c.thresholdClearedWave() != c.currentWave() && thresholdPassed(c, status)) {
            return new Step.Pause(pauseReason(c, failed(wave, status), wave.size()));
        }
        if (wave.stream().allMatch(s -> status.get(s.seq()).ended())) {
            return c.currentWave() + 1 < c.waveCount() ? new Step.NextWave(c.currentWave() + 1)
                    : new Step.Complete(completion(c, status));
        }
        long active = c.slots().stream().filter(s -> status.get(s.seq()).active()).count();
        int free = (int) Math.max(0, c.request().concurrency() - active);
        List<Slot> startable = wave.stream().filter(s -> status.get(s.seq()) == SlotStatus.PENDING).limit(free)
                .toList();
        return startable.isEmpty() ? new Step.Wait() : new Step.Start(startable);
    }

    /** Whether more than the threshold's share of the current wave's devices failed. */
    static boolean thresholdPassed(StoredCampaign c, Map<Integer, SlotStatus> status) {
        List<Slot> wave = c.wave(c.currentWave());
        return failed(wave, status) * 100 > (long) c.request().errorThresholdPercent() * wave.size();
    }

    private static long failed(List<Slot> wave, Map<Integer, SlotStatus> status) {
        return wave.stream().filter(s -> status.get(s.seq()) == SlotStatus.FAILED).count();
    }

    private static String pauseReason(StoredCampaign c, long failed, int devices) {
        return "paused: wave " + (c.currentWave() + 1) + " of " + c.waveCount() + " has " + failed + " of " + devices
                + " devices failed (" + (failed * 100 / devices) + "%), more than the error threshold of "
                + c.request().errorThresholdPercent() + "%. Look at them with uplift:campaign-show " + c.id()
                + ", then uplift:campaign-resume " + c.id() + " to go on or uplift:campaign-cancel " + c.id();
    }

    private static String completion(StoredCampaign c, Map<Integer, SlotStatus> status) {
        long done = status.values().stream().filter(s -> s == SlotStatus.DONE).count();
        long failed = status.values().stream().filter(s -> s == SlotStatus.FAILED).count();
        return "completed: " + done + " of " + c.slots().size() + " devices upgraded to "
                + c.request().firmwareVersion()
                + (failed == 0 ? "" : ", " + failed + " failed (see uplift:campaign-show " + c.id() + ")");
    }
}
