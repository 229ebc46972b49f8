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
@Command(scope = "uplift", name = "campaign-resume", description = "Resumes a paused campaign: jobs are started again.", detailedDescription = """
        A wave that paused the campaign by passing the error threshold is not checked again: it is finished, \
        then the next wave begins (and is checked). Devices that failed stay failed; upgrade them with \
        uplift:upgrade or a new campaign.
        Example: uplift:campaign-resume c-3f2a9c1e""")
public class CampaignResumeCommand extends UpliftAction {

    @Reference
    private CampaignService campaigns;

    @Argument(index = 0, name = "campaign", description = "Id of a paused campaign (see uplift:campaign-list)", required = true)
    @Completion(UnfinishedCampaignIdCompleter.class)
    private String id;

    @Override
    protected Object run() throws Exception {
        Campaign campaign = Refusals.change(id, campaigns::resume);
        System.out.println("Campaign " + campaign.id() + " " + campaign.state() + ": " + campaign.message());
        System.out.println("Follow it with uplift:campaign-show --follow " + campaign.id());
        return null;
    }
}
