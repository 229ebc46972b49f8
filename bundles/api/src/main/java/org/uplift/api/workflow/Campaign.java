package org.uplift.api.workflow;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of a campaign.
 *
 * @param id          campaign id; its jobs carry it ({@link Job#campaignId()})
 * @param request     what it was started with; a model or "older" selection reads as it was asked, the devices
 *                    it resolved to are the waves' devices
 * @param state       current state
 * @param message     why it is in that state, for an operator (e.g. which wave passed the error threshold)
 * @param createdAt   when it was started
 * @param updatedAt   when its state or wave last changed
 * @param currentWave the wave being worked on, 1 for the first (equal to {@code waves().size()} once completed)
 * @param waves       progress per wave, first wave first
 * @since 0.1
 */
public record Campaign(String id, CampaignRequest request, CampaignState state, String message, Instant createdAt,
        Instant updatedAt, int currentWave, List<WaveProgress> waves) {

    public Campaign {
        waves = List.copyOf(waves);
    }

    /** All devices of the campaign. */
    public int devices() {
        return waves.stream().mapToInt(WaveProgress::devices).sum();
    }

    /** Devices upgraded so far. */
    public int done() {
        return waves.stream().mapToInt(WaveProgress::done).sum();
    }

    /** Devices failed, aborted or not started so far. */
    public int failed() {
        return waves.stream().mapToInt(WaveProgress::failed).sum();
    }
}
