package org.uplift.api.dto;

import java.time.Instant;

import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.CampaignState;
import org.uplift.api.workflow.WaveSize;

/**
 * A campaign in a list: what it was started with, its state and its device counts.
 *
 * @param id              the campaign id
 * @param state           its state
 * @param message         why it is in that state
 * @param firmwareVersion the target version
 * @param selection       how its devices were chosen
 * @param concurrency     most of its jobs unfinished at once
 * @param waveSizes       its wave sizes as given, e.g. {@code 1,10%,100%}
 * @param threshold       the error threshold in percent
 * @param policy          the retry policy of its jobs, as {@code uplift:upgrade --policy} takes it
 * @param createdAt       when it was started
 * @param updatedAt       when its state or wave last changed
 * @param currentWave     the wave being worked on, 1 for the first
 * @param devices         its devices
 * @param done            devices upgraded so far
 * @param failed          devices failed, aborted or not started so far
 * @since 0.4
 */
public record CampaignSummaryDto(String id, CampaignState state, String message, String firmwareVersion,
        SelectionDto selection, int concurrency, String waveSizes, int threshold, String policy, Instant createdAt,
        Instant updatedAt, int currentWave, int devices, int done, int failed) {

    public static CampaignSummaryDto of(Campaign c) {
        CampaignRequest r = c.request();
        return new CampaignSummaryDto(c.id(), c.state(), c.message(), r.firmwareVersion(),
                SelectionDto.of(r.selection()),
                r.concurrency(), WaveSize.format(r.waves()), r.errorThresholdPercent(), r.policy().toString(),
                c.createdAt(), c.updatedAt(), c.currentWave(), c.devices(), c.done(), c.failed());
    }
}
