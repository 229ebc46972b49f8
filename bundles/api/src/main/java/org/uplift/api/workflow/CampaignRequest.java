package org.uplift.api.workflow;

import java.util.List;
import java.util.Objects;

/**
 * What a campaign upgrades and how carefully.
 *
 * @param firmwareVersion       target software version; each device's model needs an image of it in the catalogue
 * @param selection             which devices
 * @param concurrency           at most this many of the campaign's jobs unfinished at once (a job waiting for a
 *                              decision counts: its device is not done)
 * @param waves                 cumulative wave sizes, e.g. {@code WaveSize.parseAll("1,10%,100%")}; devices left
 *                              after the last size form one more wave
 * @param errorThresholdPercent the campaign pauses when more than this share of a wave's devices failed, were
 *                              aborted or could not be started; 0 pauses at the first failure, 100 never
 * @param policy                retry policy of every job
 * @since 0.1
 */
public record CampaignRequest(String firmwareVersion, DeviceSelection selection, int concurrency, List<WaveSize> waves,
        int errorThresholdPercent, RetryPolicy policy) {

    public CampaignRequest {
        if (firmwareVersion == null || firmwareVersion.isBlank()) {
            throw new IllegalArgumentException("a campaign needs a target firmware version");
        }
        Objects.requireNonNull(selection, "selection");
        if (concurrency < 1 || concurrency > 10_000) {
            throw new IllegalArgumentException("concurrency must be 1-10000, got " + concurrency);
        }
        waves = waves == null || waves.isEmpty() ? WaveSize.ALL_AT_ONCE : List.copyOf(waves);
        if (errorThresholdPercent < 0 || errorThresholdPercent > 100) {
            throw new IllegalArgumentException(
                    "the error threshold is a percentage 0-100, got " + errorThresholdPercent);
        }
        policy = policy == null ? RetryPolicy.ASK : policy;
    }

    /** Parses wave sizes such as {@code "1,10%,100%"}; see {@link WaveSize#parseAll}. */
    public static List<WaveSize> parseWaves(String text) {
        return WaveSize.parseAll(text);
    }
}
