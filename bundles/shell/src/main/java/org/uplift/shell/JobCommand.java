package org.uplift.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.StepRecord;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.shell.completers.JobIdCompleter;

@Service
@Command(scope = "uplift", name = "job", description = "Shows one job and its step history.",
        detailedDescription = "Example: uplift:job 3f2a9c1e")
public class JobCommand implements Action {

    @Reference
    private UpgradeService upgrades;

    @Argument(index = 0, name = "job", description = "Job id", required = true)
    @Completion(JobIdCompleter.class)
    private String id;

    @Override
    public Object execute() {
        Job job = upgrades.job(id).orElseThrow(() -> new IllegalArgumentException("no job '" + id + "': see uplift:jobs"));
        System.out.println("Job " + job.id() + ": device " + job.deviceId() + " -> " + job.firmwareId() + " (" + job.state() + ")");
        ShellTable table = new ShellTable();
        table.column("State");
        table.column("At");
        table.column("Message");
        for (StepRecord r : job.history()) {
            table.addRow().addContent(r.state(), r.at(), r.message());
        }
        table.print(System.out);
        return null;
    }
}
