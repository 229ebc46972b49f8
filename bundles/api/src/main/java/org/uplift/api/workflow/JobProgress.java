package org.uplift.api.workflow;

/**
 * A running job's live progress, for progress displays: its state and, while the device moves a file
 * to or from Uplift's file server, the bytes moved so far.
 *
 * @param jobId      the job
 * @param state      the job's state when read
 * @param bytes      bytes of the current transfer so far; 0 when no transfer is under way
 * @param totalBytes the size of the file being served, or -1 when unknown (an upload, or no transfer)
 */
public record JobProgress(String jobId, JobState state, long bytes, long totalBytes) {

    /** True while a file moves between the device and the server. */
    public boolean transferring() {
        return bytes > 0 || totalBytes >= 0;
    }
}
