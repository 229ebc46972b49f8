package org.uplift.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.shell.completers.JobIdCompleter;

@Service
@Command(scope = "uplift", name = "abort", description = "Ends a job: one waiting for a decision, or one still running or stuck in a step.",
        detailedDescription = "After a failed update or restore the device is first returned to its old version and configuration.\\nFollow the job with uplift:job <id>. Example: uplift:abort 3f2a9c1e")
public class AbortCommand implements Action {

    @Reference
    private UpgradeService upgrades;

    @Argument(index = 0, name = "job", description = "Id of a job that has not ended", required = true)
    @Completion(JobIdCompleter.class)
    private String id;

    @Override
    public Object execute() throws Exception {
        Job job = upgrades.decide(id, Decision.ABORT);
        System.out.println("Job " + job.id() + " (" + job.deviceId() + "): " + job.state() + " - " + job.lastMessage());
        return null;
    }
}
