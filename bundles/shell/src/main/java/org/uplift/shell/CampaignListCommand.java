package org.uplift.shell;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignService;
import org.uplift.api.workflow.WaveProgress;

@Service
@Command(scope = "uplift", name = "campaign-list", description = "Lists campaigns, newest first, with their progress.", detailedDescription = """
        Done, Failed (failed, aborted or not started), Waiting (for a decision) and Running count the devices \
        of all waves. One campaign in detail: uplift:campaign-show <id>.
        Example: uplift:campaign-list""")
public class CampaignListCommand extends TableCommand {

    @Reference
    private CampaignService campaigns;

    @Override
    protected Object run() throws Exception {
        ShellTable table = new ShellTable().emptyTableText("No campaigns yet: start one with uplift:campaign-start");
        table.column("Campaign");
        table.column("Target");
        column(table, "Devices chosen", 40);
        table.column("State");
        table.column("Wave");
        table.column("Devices").alignRight();
        table.column("Done").alignRight();
        table.column("Failed").alignRight();
        table.column("Waiting").alignRight();
        table.column("Running").alignRight();
        table.column("Started");
        for (Campaign c : campaigns.campaigns()) {
            table.addRow().addContent(c.id(), c.request().firmwareVersion(), c.request().selection(), c.state(),
                    c.currentWave() + "/" + c.waves().size(), c.devices(), c.done(), c.failed(),
                    c.waves().stream().mapToInt(WaveProgress::awaitingDecision).sum(),
                    c.waves().stream().mapToInt(WaveProgress::running).sum(), c.createdAt());
        }
        print(table);
        return null;
    }
}
