package org.uplift.webconsole;

import java.util.List;

import org.uplift.api.dto.CampaignDto;
import org.uplift.api.dto.JobDto;

/**
 * What the page shows at one moment.
 *
 * @param jobs          the newest jobs, at most {@link SnapshotReader#MAX_JOBS}
 * @param totalJobs     how many jobs there are in all
 * @param campaigns     the newest campaigns, at most {@link SnapshotReader#MAX_CAMPAIGNS}
 * @param selectedId    the job whose step history was asked for, or {@code null}
 * @param selected      that job, or {@code null} if none was asked for or there is no such job
 * @param error         one line saying what could not be read, or {@code null}
 */
record ConsoleSnapshot(List<JobRow> jobs, int totalJobs, List<CampaignDto> campaigns, String selectedId,
        JobDto selected,
        String error) {

    ConsoleSnapshot {
        jobs = List.copyOf(jobs);
        campaigns = List.copyOf(campaigns);
    }

    static ConsoleSnapshot failed(String error) {
        return new ConsoleSnapshot(List.of(), 0, List.of(), null, null, error);
    }

    /** One line for a history that was asked for and cannot be shown, or {@code null}. */
    String selectedError() {
        return selectedId != null && selected == null ? "There is no job '" + selectedId + "'." : null;
    }
}
