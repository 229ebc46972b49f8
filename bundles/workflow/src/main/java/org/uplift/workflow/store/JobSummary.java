package org.uplift.workflow.store;

import org.uplift.api.workflow.JobState;

/**
 * A job without its history or record: what a campaign needs to count its devices on every tick.
 *
 * @param id       job id
 * @param deviceId the device
 * @param state    current state
 */
public record JobSummary(String id, String deviceId, JobState state) {
}
