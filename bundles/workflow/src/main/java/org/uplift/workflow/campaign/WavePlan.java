package org.uplift.workflow.campaign;

import java.util.ArrayList;
import java.util.List;

import org.uplift.api.workflow.WaveSize;

/** Splits a campaign's devices into waves by cumulative sizes; a size that adds no device makes no wave. */
final class WavePlan {

    private WavePlan() {
    }

    /** The number of devices in each wave, for {@code devices} devices; they add up to {@code devices}. */
    static List<Integer> sizes(int devices, List<WaveSize> waves) {
        List<Integer> sizes = new ArrayList<>();
        int reached = 0;
        for (WaveSize w : waves) {
            int upTo = Math.max(reached, w.upTo(devices));
            if (upTo > reached) {
                sizes.add(upTo - reached);
                reached = upTo;
            }
        }
        if (reached < devices) {
            sizes.add(devices - reached);
        }
        return sizes;
    }

    /** The devices as slots, each in its wave, in the order given. */
    static List<Slot> slots(List<String> deviceIds, List<WaveSize> waves) {
        List<Slot> slots = new ArrayList<>();
        int wave = 0;
        for (int size : sizes(deviceIds.size(), waves)) {
            for (int i = 0; i < size; i++) {
                int seq = slots.size();
                slots.add(Slot.pending(seq, wave, deviceIds.get(seq)));
            }
            wave++;
        }
        return slots;
    }
}
