package org.uplift.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.UpgradeService;

@Service
@Command(scope = "uplift", name = "jobs", description = "Lists upgrade jobs, newest first.",
        detailedDescription = "Example: uplift:jobs")
public class JobsCommand implements Action {

    @Reference
    private UpgradeService upgrades;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Job");
        table.column("Device");
        table.column("Target");
        table.column("State");
        table.column("Started");
        table.column("Last message").maxSize(80);
        for (Job j : upgrades.jobs()) {
            table.addRow().addContent(j.id(), j.deviceId(), j.targetVersion(), j.state(), j.createdAt(), j.lastMessage());
        }
        table.print(System.out);
        return null;
    }
}
