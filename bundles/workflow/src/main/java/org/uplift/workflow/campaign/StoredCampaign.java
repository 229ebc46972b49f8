package org.uplift.workflow.campaign;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.CampaignState;

/**
 * A campaign as stored: its request, where it is, and its devices. Immutable; each change makes a new
 * one, and the store writes the difference.
 *
 * @param currentWave          0 for the first wave
 * @param waveCount            how many waves the devices were split into
 * @param thresholdClearedWave the wave the operator resumed past its error threshold, or -1
 */
record StoredCampaign(String id, CampaignRequest request, CampaignState state, String message, Instant createdAt,
        Instant updatedAt, int currentWave, int waveCount, int thresholdClearedWave, List<Slot> slots) {

    StoredCampaign {
        slots = List.copyOf(slots);
    }

    StoredCampaign withState(CampaignState next, String why, Instant at) {
        return new StoredCampaign(id, request, next, why, createdAt, at, currentWave, waveCount, thresholdClearedWave,
                slots);
    }

    StoredCampaign withWave(int wave, Instant at) {
        return new StoredCampaign(id, request, state, message, createdAt, at, wave, waveCount, thresholdClearedWave,
                slots);
    }

    StoredCampaign withThresholdCleared(int wave) {
        return new StoredCampaign(id, request, state, message, createdAt, updatedAt, currentWave, waveCount, wave,
                slots);
    }

    StoredCampaign withSlot(Slot slot) {
        List<Slot> next = new ArrayList<>(slots);
        next.set(slot.seq(), slot);
        return new StoredCampaign(id, request, state, message, createdAt, updatedAt, currentWave, waveCount,
                thresholdClearedWave, next);
    }

    List<Slot> wave(int index) {
        return slots.stream().filter(s -> s.wave() == index).toList();
    }
}
