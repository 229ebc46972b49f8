package org.uplift.api.dto;

import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.JobState;

/**
 * A running job's live progress.
 *
 * @param job          the job
 * @param state        its state when read
 * @param transferring whether a file moves between the device and the server
 * @param bytes        bytes of the current transfer so far
 * @param totalBytes   the size of the file served, or -1 when unknown
 * @since 0.4
 */
public record ProgressDto(String job, JobState state, boolean transferring, long bytes, long totalBytes) {

    public static ProgressDto of(JobProgress p) {
        return new ProgressDto(p.jobId(), p.state(), p.transferring(), p.bytes(), p.totalBytes());
    }
}
