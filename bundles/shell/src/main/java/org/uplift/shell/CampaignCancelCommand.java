package org.uplift.shell;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignService;
import org.uplift.shell.completers.CampaignIdCompleter;

@Service
@Command(scope = "uplift", name = "campaign-cancel", description = "Cancels a campaign for good: no new job is started.",
        detailedDescription = "Jobs already running are NOT stopped: they go on to their end (abort one with uplift:abort <job>).\n"
                + "Example: uplift:campaign-cancel c-3f2a9c1e")
public class CampaignCancelCommand implements Action {

    @Reference
    private CampaignService campaigns;

    @Argument(index = 0, name = "campaign", description = "Campaign id", required = true)
    @Completion(CampaignIdCompleter.class)
    private String id;

    @Override
    public Object execute() throws Exception {
        Campaign campaign = campaigns.cancel(id);
        System.out.println("Campaign " + campaign.id() + " " + campaign.state() + ": " + campaign.message());
        return null;
    }
}
