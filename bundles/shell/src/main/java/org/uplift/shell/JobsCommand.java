package org.uplift.shell;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobPage;
import org.uplift.api.workflow.JobQuery;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.shell.completers.CampaignIdCompleter;
import org.uplift.shell.completers.DeviceIdCompleter;
import org.uplift.shell.completers.JobStateCompleter;

@Service
@Command(scope = "uplift", name = "jobs", description = "Lists upgrade jobs, newest first.", detailedDescription = """
        Default: the newest 100 jobs. --device, --campaign and --state narrow the list and can be combined;
        --limit and --page read further (a line says so when jobs are left out).
        One job's history: uplift:job <id>; follow one live: uplift:job --follow <id>.
        Examples:
          uplift:jobs
          uplift:jobs --state AWAITING_DECISION
          uplift:jobs --campaign c-3f2a9c1e
          uplift:jobs --limit 500 --page 2""")
public class JobsCommand extends TableCommand {

    @Reference
    private UpgradeService upgrades;

    @Option(name = "--device", aliases = "-d", description = "Only the jobs of this device")
    @Completion(DeviceIdCompleter.class)
    private String device;

    @Option(name = "--campaign", aliases = "-c", description = "Only the jobs of this campaign")
    @Completion(CampaignIdCompleter.class)
    private String campaign;

    @Option(name = "--state", aliases = "-s", description = "Only jobs in this state, e.g. AWAITING_DECISION, DONE, ABORTED")
    @Completion(JobStateCompleter.class)
    private String state;

    @Option(name = "--limit", aliases = "-n", description = "At most this many jobs (1 to 1000, default 100)")
    private int limit = JobQuery.DEFAULT_LIMIT;

    @Option(name = "--page", aliases = "-p", description = "Which page of --limit jobs, 1 (the newest) by default")
    private int page = 1;

    @Override
    protected Object run() throws Exception {
        JobState wanted = state == null ? null : jobState(state);
        if (limit < 1 || limit > JobQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("--limit: " + limit + " is not between 1 and " + JobQuery.MAX_LIMIT);
        }
        if (page < 1) {
            throw new IllegalArgumentException("--page: " + page + " is not 1 or more");
        }
        UpgradeService service = upgrades;
        JobPage jobs = service.jobs(JobQuery.all().inState(wanted).ofDevice(device).ofCampaign(campaign)
                .page(limit, Math.multiplyExact(page - 1, limit)));
        ShellTable table = new ShellTable().emptyTableText(state == null && device == null && campaign == null
                ? "No jobs yet: start one with uplift:upgrade" : "No job matches");
        table.column("Job");
        table.column("Device");
        table.column("Target");
        table.column("State");
        table.column("Started");
        column(table, "Last message", 80);
        for (Job j : jobs.jobs()) {
            table.addRow().addContent(j.id(), j.deviceId(), j.targetVersion(), j.state(), j.createdAt(),
                    j.lastMessage());
        }
        print(table);
        if (jobs.cut()) {
            remarks().println(cutNote(jobs, page));
        }
        return null;
    }

    /** Said whenever matching jobs are left out, so a list never looks complete when it is not. */
    static String cutNote(JobPage jobs, int page) {
        long pages = (jobs.total() + jobs.limit() - 1) / jobs.limit();
        return "showing " + jobs.jobs().size() + " of " + jobs.total() + " (page " + page + " of " + pages
                + "); use --page/--limit";
    }

    private static JobState jobState(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(JobState.values()).filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--state: no job state '" + text + "'; the states are "
                        + Arrays.stream(JobState.values()).map(Enum::name).collect(Collectors.joining(", "))));
    }
}
