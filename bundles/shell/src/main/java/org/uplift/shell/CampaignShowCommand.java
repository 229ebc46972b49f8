package org.uplift.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.CampaignService;
import org.uplift.api.workflow.WaveProgress;
import org.uplift.api.workflow.WaveSize;
import org.uplift.shell.completers.CampaignIdCompleter;

@Service
@Command(scope = "uplift", name = "campaign-show", description = "Shows a campaign: its settings, its progress per wave and every failed device.",
        detailedDescription = "The jobs of the campaign are in uplift:jobs; uplift:job <id> shows one's history.\n"
                + "Example: uplift:campaign-show c-3f2a9c1e")
public class CampaignShowCommand implements Action {

    @Reference
    private CampaignService campaigns;

    @Argument(index = 0, name = "campaign", description = "Campaign id", required = true)
    @Completion(CampaignIdCompleter.class)
    private String id;

    @Override
    public Object execute() {
        Campaign c = campaigns.campaign(id)
                .orElseThrow(() -> new IllegalArgumentException("no campaign '" + id + "': see uplift:campaign-list"));
        CampaignRequest r = c.request();
        System.out.println("Campaign " + c.id() + ": " + c.state() + ", wave " + c.currentWave() + " of " + c.waves().size());
        System.out.println("  " + c.message());
        System.out.println("  target " + r.firmwareVersion() + ", " + r.selection() + ", concurrency " + r.concurrency()
                + ", waves " + WaveSize.format(r.waves()) + ", threshold " + r.errorThresholdPercent() + "%, policy "
                + r.policy() + ", started " + c.createdAt());
        ShellTable table = new ShellTable();
        table.column("Wave").alignRight();
        table.column("Devices").alignRight();
        table.column("Done").alignRight();
        table.column("Failed").alignRight();
        table.column("Waiting").alignRight();
        table.column("Running").alignRight();
        table.column("Not started").alignRight();
        for (WaveProgress w : c.waves()) {
            table.addRow().addContent(w.number(), w.devices(), w.done(), w.failed(), w.awaitingDecision(), w.running(),
                    w.notStarted());
        }
        table.print(System.out);
        for (WaveProgress w : c.waves()) {
            for (String failure : w.failures()) {
                System.out.println("wave " + w.number() + " failed: " + failure);
            }
        }
        return null;
    }
}
