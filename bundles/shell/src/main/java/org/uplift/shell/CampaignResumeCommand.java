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
@Command(scope = "uplift", name = "campaign-resume", description = "Resumes a paused campaign: jobs are started again.",
        detailedDescription = "A wave that paused the campaign by passing the error threshold is not checked again: it is finished,\n"
                + "then the next wave begins (and is checked). Devices that failed stay failed; upgrade them with uplift:upgrade\n"
                + "or a new campaign.\n"
                + "Example: uplift:campaign-resume c-3f2a9c1e")
public class CampaignResumeCommand implements Action {

    @Reference
    private CampaignService campaigns;

    @Argument(index = 0, name = "campaign", description = "Campaign id", required = true)
    @Completion(CampaignIdCompleter.class)
    private String id;

    @Override
    public Object execute() throws Exception {
        Campaign campaign = campaigns.resume(id);
        System.out.println("Campaign " + campaign.id() + " " + campaign.state() + ": " + campaign.message());
        return null;
    }
}
