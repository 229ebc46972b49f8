package org.uplift.api.workflow;

import java.util.List;

/**
 * One page of a {@link JobQuery}'s answer.
 *
 * @param jobs   the jobs of this page, newest first
 * @param total  how many jobs match the query in all pages
 * @param offset the query's offset
 * @param limit  the query's limit
 * @since 0.3
 */
public record JobPage(List<Job> jobs, long total, int offset, int limit) {

    public JobPage {
        jobs = List.copyOf(jobs);
    }

    /** Whether jobs matching the query are left out of this page (before or after it). */
    public boolean cut() {
        return jobs.size() < total;
    }

    /** Whether a page follows this one. */
    public boolean hasNext() {
        return offset + jobs.size() < total;
    }
}
