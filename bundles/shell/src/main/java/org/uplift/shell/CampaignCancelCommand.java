package org.uplift.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignService;
import org.uplift.shell.completers.UnfinishedCampaignIdCompleter;

@Service
@Command(scope = "uplift", name = "campaign-cancel", description = "Cancels a campaign for good: no new job is started.", detailedDescription = """
        Jobs already running are NOT stopped: they go on to their end (stop one with uplift:abort <job>). \
        A cancelled campaign cannot be resumed; start a new one for the devices left.
        Example: uplift:campaign-cancel c-3f2a9c1e""")
public class CampaignCancelCommand extends UpliftAction {

    @Reference
    private CampaignService campaigns;

    @Argument(index = 0, name = "campaign", description = "Id of a campaign that has not ended (see uplift:campaign-list)", required = true)
    @Completion(UnfinishedCampaignIdCompleter.class)
    private String id;

    @Override
    protected Object run() throws Exception {
        Campaign campaign = Refusals.change(id, campaigns::cancel);
        System.out.println("Campaign " + campaign.id() + " " + campaign.state() + ": " + campaign.message());
        return null;
    }
}
