package org.uplift.api.dto;

import java.time.Instant;
import java.util.List;

import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignState;
import org.uplift.api.workflow.Job;

/**
 * A campaign with its waves' progress and its jobs; the first fifteen components are those of
 * {@link CampaignSummaryDto}.
 *
 * @param id              the campaign id
 * @param state           its state
 * @param message         why it is in that state
 * @param firmwareVersion the target version
 * @param selection       how its devices were chosen
 * @param concurrency     most of its jobs unfinished at once
 * @param waveSizes       its wave sizes as given
 * @param threshold       the error threshold in percent
 * @param policy          the retry policy of its jobs
 * @param createdAt       when it was started
 * @param updatedAt       when its state or wave last changed
 * @param currentWave     the wave being worked on, 1 for the first
 * @param devices         its devices
 * @param done            devices upgraded so far
 * @param failed          devices failed, aborted or not started so far
 * @param waves           progress per wave, first wave first
 * @param jobs            its jobs
 * @since 0.4
 */
public record CampaignDto(String id, CampaignState state, String message, String firmwareVersion,
        SelectionDto selection,
        int concurrency, String waveSizes, int threshold, String policy, Instant createdAt, Instant updatedAt,
        int currentWave, int devices, int done, int failed, List<WaveDto> waves, List<JobSummaryDto> jobs) {

    public CampaignDto {
        waves = List.copyOf(waves);
        jobs = List.copyOf(jobs);
    }

    /** The campaign with {@code jobs}, its jobs (an empty list where they are not shown). */
    public static CampaignDto of(Campaign c, List<Job> jobs) {
        CampaignSummaryDto s = CampaignSummaryDto.of(c);
        return new CampaignDto(s.id(), s.state(), s.message(), s.firmwareVersion(), s.selection(), s.concurrency(),
                s.waveSizes(), s.threshold(), s.policy(), s.createdAt(), s.updatedAt(), s.currentWave(), s.devices(),
                s.done(), s.failed(), c.waves().stream().map(WaveDto::of).toList(),
                jobs.stream().map(JobSummaryDto::of).toList());
    }
}
