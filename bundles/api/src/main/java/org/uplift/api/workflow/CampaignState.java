package org.uplift.api.workflow;

/**
 * Where a campaign is. Stored by name.
 *
 * @since 0.1
 */
public enum CampaignState {
    /** Jobs of the current wave are started as the concurrency limit allows; the next wave follows when it has ended. */
    RUNNING,
    /**
     * No new job is started; jobs already running go on to their end. Entered by the operator or when a
     * wave's failures pass the error threshold (the campaign's message says which); left by a resume.
     */
    PAUSED,
    /** Stopped by the operator: no new job is ever started; jobs already running went on to their end. */
    CANCELLED,
    /** Every wave has ended; the per-wave progress says how many devices were upgraded. */
    COMPLETED;

    /** {@code true} for states a campaign never leaves. */
    public boolean terminal() {
        return this == CANCELLED || this == COMPLETED;
    }
}
