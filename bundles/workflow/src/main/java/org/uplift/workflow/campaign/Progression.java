package org.uplift.workflow.campaign;

import java.util.List;
import java.util.Map;

import org.uplift.api.workflow.CampaignState;

/**
 * The rules that move a running campaign, as one pure function of its stored form and the counts of its
 * devices ({@link Tally}). In order: a wave whose failures pass the threshold pauses the campaign (unless the
 * operator resumed past it); a wave that has ended leads to the next, or completes the campaign after the
 * last; otherwise jobs of the current wave are started while fewer than the concurrency limit are unfinished
 * (across all waves, counting jobs that wait for a decision).
 */
final class Progression {

    private Progression() {
    }

    /** @param status the status of every slot of {@code c}, by its seq */
    static Step next(StoredCampaign c, Map<Integer, SlotStatus> status) {
        return next(c, Tally.of(c, status));
    }

    /** @param c the campaign; its slots are not read (a tick passes the campaign's row alone) */
    static Step next(StoredCampaign c, Tally tally) {
        if (c.state() != CampaignState.RUNNING) {
            return new Step.Wait();
        }
        WaveCounts wave = tally.waves().get(c.currentWave());
        if (c.thresholdClearedWave() != c.currentWave() && thresholdPassed(c, wave)) {
            return new Step.Pause(pauseReason(c, wave));
        }
        if (wave.ended() >= wave.devices()) {
            return c.currentWave() + 1 < c.waveCount() ? new Step.NextWave(c.currentWave() + 1)
                    : new Step.Complete(completion(c, tally));
        }
        int free = (int) Math.max(0, c.request().concurrency() - tally.active());
        List<Slot> startable = tally.pending().stream().limit(free).toList();
        return startable.isEmpty() ? new Step.Wait() : new Step.Start(startable);
    }

    /** Whether more than the threshold's share of the current wave's devices failed. */
    static boolean thresholdPassed(StoredCampaign c, Map<Integer, SlotStatus> status) {
        return thresholdPassed(c, Tally.of(c, status).waves().get(c.currentWave()));
    }

    private static boolean thresholdPassed(StoredCampaign c, WaveCounts wave) {
        return wave.failed() * 100 > (long) c.request().errorThresholdPercent() * wave.devices();
    }

    private static String pauseReason(StoredCampaign c, WaveCounts wave) {
        long failed = wave.failed();
        int devices = wave.devices();
        return "paused: wave " + (c.currentWave() + 1) + " of " + c.waveCount() + " has " + failed + " of " + devices
                + " devices failed (" + (failed * 100 / devices) + "%), more than the error threshold of "
                + c.request().errorThresholdPercent() + "%. Look at them with uplift:campaign-show " + c.id()
                + ", then uplift:campaign-resume " + c.id() + " to go on or uplift:campaign-cancel " + c.id();
    }

    private static String completion(StoredCampaign c, Tally tally) {
        long failed = tally.failed();
        return "completed: " + tally.done() + " of " + tally.devices() + " devices upgraded to "
                + c.request().firmwareVersion()
                + (failed == 0 ? "" : ", " + failed + " failed (see uplift:campaign-show " + c.id() + ")");
    }
}
