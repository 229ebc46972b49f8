package org.uplift.workflow.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@link Progression} needs to know of a campaign's devices: the counts of each wave, how many devices
 * take a place within the concurrency limit (across all waves), and the first pending devices of the current
 * wave. A tick builds it from the open slots and the stored counts; {@link #of} builds it from every slot.
 *
 * @param waves   each wave's counts, by wave index
 * @param active  devices starting, running or waiting for a decision, in any wave
 * @param pending pending devices of the current wave in their order: all of them, or at least as many as there
 *                are free places
 */
record Tally(List<WaveCounts> waves, long active, List<Slot> pending) {

    Tally {
        waves = List.copyOf(waves);
        pending = List.copyOf(pending);
    }

    /** @param status the status of every slot of {@code c}, by its seq */
    static Tally of(StoredCampaign c, Map<Integer, SlotStatus> status) {
        int[] devices = new int[c.waveCount()];
        long[] done = new long[c.waveCount()];
        long[] failed = new long[c.waveCount()];
        long active = 0;
        List<Slot> pending = new ArrayList<>();
        for (Slot s : c.slots()) {
            SlotStatus st = status.get(s.seq());
            devices[s.wave()]++;
            done[s.wave()] += st == SlotStatus.DONE ? 1 : 0;
            failed[s.wave()] += st == SlotStatus.FAILED ? 1 : 0;
            active += st.active() ? 1 : 0;
            if (st == SlotStatus.PENDING && s.wave() == c.currentWave()) {
                pending.add(s);
            }
        }
        List<WaveCounts> waves = new ArrayList<>();
        for (int w = 0; w < c.waveCount(); w++) {
            waves.add(new WaveCounts(devices[w], done[w], failed[w]));
        }
        return new Tally(waves, active, pending);
    }

    long devices() {
        return waves.stream().mapToLong(WaveCounts::devices).sum();
    }

    long done() {
        return waves.stream().mapToLong(WaveCounts::done).sum();
    }

    long failed() {
        return waves.stream().mapToLong(WaveCounts::failed).sum();
    }
}
