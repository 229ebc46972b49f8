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
@Command(scope = "uplift", name = "campaign-pause", description = "Pauses a campaign: no new job is started; jobs already running go on to their end.", detailedDescription = """
        The campaign stays paused across restarts of Karaf; uplift:campaign-resume goes on where it stopped.
        Example: uplift:campaign-pause c-3f2a9c1e""")
public class CampaignPauseCommand extends UpliftAction {

    @Reference
    private CampaignService campaigns;

    @Argument(index = 0, name = "campaign", description = "Id of a running campaign (see uplift:campaign-list)", required = true)
    @Completion(UnfinishedCampaignIdCompleter.class)
    private String id;

    @Override
    protected Object run() throws Exception {
        Campaign campaign = Refusals.change(id, campaigns::pause);
        System.out.println("Campaign " + campaign.id() + " " + campaign.state() + ": " + campaign.message());
        return null;
    }
}
