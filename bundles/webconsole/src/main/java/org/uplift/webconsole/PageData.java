package org.uplift.webconsole;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.uplift.api.dto.CampaignDto;
import org.uplift.api.dto.JobDto;
import org.uplift.api.dto.JobSummaryDto;
import org.uplift.api.dto.StepDto;
import org.uplift.api.dto.WaveDto;

/**
 * What the page's script reads from {@code data.json}, and what the server-rendered tables show: the API's records
 * ({@link org.uplift.api.dto}) as display strings, field by field, so both tables say the same.
 *
 * @param jobs          the jobs' rows, newest first
 * @param jobsTotal     how many jobs there are in all
 * @param campaigns     the campaigns' rows, newest first
 * @param selected      the job whose history was asked for, or {@code null}
 * @param selectedError one line for a history that cannot be shown, or {@code null}
 * @param error         one line saying what could not be read, or {@code null}
 */
record PageData(List<JobLine> jobs, int jobsTotal, List<CampaignLine> campaigns, Selected selected,
        String selectedError, String error) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    static PageData of(ConsoleSnapshot s) {
        return new PageData(s.jobs().stream().map(JobLine::of).toList(), s.totalJobs(),
                s.campaigns().stream().map(CampaignLine::of).toList(),
                s.selected() == null ? null : Selected.of(s.selected()),
                s.selectedError(), s.error());
    }

    static String time(Instant at) {
        return at == null ? "" : TIME.format(at.truncatedTo(ChronoUnit.SECONDS));
    }

    /** A row of the jobs table. */
    record JobLine(String id, String device, String firmware, String state, String progress, String campaign,
            String message, String created, boolean awaitingDecision) {

        static JobLine of(JobRow row) {
            JobSummaryDto j = row.job();
            return new JobLine(j.id(), j.device(), j.firmware(), j.state().name(), row.progress(),
                    j.campaign() == null ? "" : j.campaign(), j.message(), time(j.createdAt()), row.awaitingDecision());
        }
    }

    /** A row of the campaigns table: the devices of every wave added up. */
    record CampaignLine(String id, String target, String devicesChosen, String state, String wave, int devices,
            int done,
            int failed, int waiting, int running, int notStarted, String message, String created) {

        static CampaignLine of(CampaignDto c) {
            List<WaveDto> waves = c.waves();
            return new CampaignLine(c.id(), c.firmwareVersion(), c.selection().describe(), c.state().name(),
                    c.currentWave() + " of " + waves.size(), c.devices(), c.done(), c.failed(),
                    waves.stream().mapToInt(WaveDto::awaitingDecision).sum(),
                    waves.stream().mapToInt(WaveDto::running).sum(),
                    waves.stream().mapToInt(WaveDto::notStarted).sum(), c.message() == null ? "" : c.message(),
                    time(c.createdAt()));
        }
    }

    /** The selected job's heading fields and its history, oldest first. */
    record Selected(String id, String device, String firmware, String state, List<StepLine> history) {

        static Selected of(JobDto j) {
            return new Selected(j.id(), j.device(), j.firmware(), j.state().name(),
                    j.history().stream().map(StepLine::of).toList());
        }
    }

    /** A row of the history table. */
    record StepLine(String state, String at, String message) {

        static StepLine of(StepDto r) {
            return new StepLine(r.state().name(), time(r.at()), r.message() == null ? "" : r.message());
        }
    }
}
