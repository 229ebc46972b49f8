package org.uplift.webconsole;

import java.util.List;
import java.util.Optional;

import org.uplift.api.dto.CampaignDto;
import org.uplift.api.dto.JobDto;
import org.uplift.api.dto.JobSummaryDto;
import org.uplift.api.workflow.CampaignService;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobPage;
import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.JobQuery;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.UpgradeService;

/** Reads what the page shows from Uplift's services. */
final class SnapshotReader {

    /** A page with thousands of rows helps nobody, and each running job costs a progress look-up. */
    static final int MAX_JOBS = 200;
    static final int MAX_CAMPAIGNS = 50;
    /** Job ids are short tokens; anything longer is not one. */
    static final int MAX_ID_LENGTH = 64;

    private final UpgradeService upgrades;
    private final CampaignService campaigns;

    SnapshotReader(UpgradeService upgrades, CampaignService campaigns) {
        this.upgrades = upgrades;
        this.campaigns = campaigns;
    }

    /** The jobs, the campaigns and the step history of {@code selectedJobId} (may be {@code null} or blank). */
    ConsoleSnapshot read(String selectedJobId) {
        String selectedId = selectedJobId == null || selectedJobId.isBlank() ? null : selectedJobId.strip();
        if (selectedId != null && selectedId.length() > MAX_ID_LENGTH) {
            selectedId = selectedId.substring(0, MAX_ID_LENGTH);
        }
        try {
            // the total is counted by the store, so "the newest 200 of N" is true past any list limit
            JobPage newest = upgrades.jobs(JobQuery.all().page(MAX_JOBS, 0));
            List<JobRow> rows = newest.jobs().stream().map(this::row).toList();
            List<CampaignDto> shown = campaigns.campaigns().stream().limit(MAX_CAMPAIGNS)
                    .map(c -> CampaignDto.of(c, List.of())).toList();
            JobDto selected = selectedId == null ? null
                    : upgrades.job(selectedId).map(j -> JobDto.of(j, Optional.empty())).orElse(null);
            return new ConsoleSnapshot(rows, Math.toIntExact(newest.total()), shown, selectedId, selected, null);
        } catch (RuntimeException e) {
            return ConsoleSnapshot.failed("Uplift could not read its jobs and campaigns: " + Lines.of(e));
        }
    }

    private JobRow row(Job job) {
        // only a job in a step can be moving bytes; the look-up is skipped for the others
        boolean inStep = !job.state().terminal() && job.state() != JobState.AWAITING_DECISION;
        JobProgress live = inStep ? upgrades.progress(job.id()).orElse(null) : null;
        return new JobRow(JobSummaryDto.of(job), Progress.describe(live == null ? job.state() : live.state(), live));
    }
}
