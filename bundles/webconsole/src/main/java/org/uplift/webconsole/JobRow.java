package org.uplift.webconsole;

import org.uplift.api.dto.JobSummaryDto;
import org.uplift.api.workflow.JobState;

/**
 * A job as the page lists it.
 *
 * @param job      the job
 * @param progress its progress line ({@link Progress#describe})
 */
record JobRow(JobSummaryDto job, String progress) {

    /** Retry and Abort are offered only here: the service refuses a retry of a job that is not waiting. */
    boolean awaitingDecision() {
        return job.state() == JobState.AWAITING_DECISION;
    }
}
