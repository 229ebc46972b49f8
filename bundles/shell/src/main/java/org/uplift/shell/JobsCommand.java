package org.uplift.shell;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.shell.completers.CampaignIdCompleter;
import org.uplift.shell.completers.DeviceIdCompleter;
import org.uplift.shell.completers.JobStateCompleter;

@Service
@Command(scope = "uplift", name = "jobs", description = "Lists upgrade jobs, newest first.",
        detailedDescription = """
                Default: every job. --device, --campaign and --state narrow the list and can be combined.
                One job's history: uplift:job <id>; follow one live: uplift:job --follow <id>.
                Examples:
                  uplift:jobs
                  uplift:jobs --state AWAITING_DECISION
                  uplift:jobs --campaign c-3f2a9c1e""")
public class JobsCommand extends UpliftAction {

    @Reference(optional = true)
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

    @Override
    protected Object run() throws Exception {
        JobState wanted = state == null ? null : jobState(state);
        UpgradeService service = service(upgrades, UpgradeService.class);
        List<Job> jobs = campaign == null ? service.jobs() : newestFirst(service.jobsOfCampaign(campaign));
        ShellTable table = new ShellTable().emptyTableText(state == null && device == null && campaign == null
                ? "No jobs yet: start one with uplift:upgrade" : "No job matches");
        table.column("Job");
        table.column("Device");
        table.column("Target");
        table.column("State");
        table.column("Started");
        table.column("Last message").maxSize(80);
        for (Job j : jobs) {
            if ((device == null || device.equals(j.deviceId())) && (wanted == null || wanted == j.state())) {
                table.addRow().addContent(j.id(), j.deviceId(), j.targetVersion(), j.state(), j.createdAt(), j.lastMessage());
            }
        }
        table.print(System.out);
        return null;
    }

    private static List<Job> newestFirst(List<Job> oldestFirst) {
        List<Job> jobs = new ArrayList<>(oldestFirst);
        Collections.reverse(jobs);
        return jobs;
    }

    private static JobState jobState(String text) {
        String name = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(JobState.values()).filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--state: no job state '" + text + "'; the states are "
                        + Arrays.stream(JobState.values()).map(Enum::name).collect(Collectors.joining(", "))));
    }
}
