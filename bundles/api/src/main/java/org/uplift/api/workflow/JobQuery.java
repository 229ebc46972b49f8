package org.uplift.api.workflow;

import java.time.Instant;

/**
 * Which jobs to list, and which page of them: newest first, each criterion optional ({@code null}: any).
 *
 * @param state      only jobs in this state
 * @param deviceId   only this device's jobs
 * @param campaignId only this campaign's jobs
 * @param since      only jobs created at or after this time
 * @param limit      at most this many jobs (1 to {@link #MAX_LIMIT})
 * @param offset     how many matching jobs to skip, newest first
 * @since 0.3
 */
public record JobQuery(JobState state, String deviceId, String campaignId, Instant since, int limit, int offset) {

    /** The longest page a caller may ask for; a longer list is read page by page. */
    public static final int MAX_LIMIT = 1000;

    /** A page when the caller does not say. */
    public static final int DEFAULT_LIMIT = 100;

    public JobQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit + " is not between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset " + offset + " is negative");
        }
    }

    /** Every job, the newest {@link #DEFAULT_LIMIT} first. */
    public static JobQuery all() {
        return new JobQuery(null, null, null, null, DEFAULT_LIMIT, 0);
    }

    public JobQuery inState(JobState wanted) {
        return new JobQuery(wanted, deviceId, campaignId, since, limit, offset);
    }

    public JobQuery ofDevice(String wanted) {
        return new JobQuery(state, wanted, campaignId, since, limit, offset);
    }

    public JobQuery ofCampaign(String wanted) {
        return new JobQuery(state, deviceId, wanted, since, limit, offset);
    }

    public JobQuery createdSince(Instant wanted) {
        return new JobQuery(state, deviceId, campaignId, wanted, limit, offset);
    }

    public JobQuery page(int pageLimit, int pageOffset) {
        return new JobQuery(state, deviceId, campaignId, since, pageLimit, pageOffset);
    }

    /** Whether a job meets the criteria (paging aside): what a store's query selects. */
    public boolean matches(Job job) {
        return (state == null || state == job.state()) && (deviceId == null || deviceId.equals(job.deviceId()))
                && (campaignId == null || campaignId.equals(job.campaignId()))
                && (since == null || !job.createdAt().isBefore(since));
    }
}
