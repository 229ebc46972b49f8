package org.uplift.shell.completers;

import java.util.stream.Stream;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignService;

/** Completes the ids of campaigns that have not ended: what campaign-pause, -resume and -cancel take. */
@Service
public class UnfinishedCampaignIdCompleter extends IdCompleter {

    @Reference(optional = true)
    private CampaignService campaigns;

    @Override
    protected Stream<String> ids() {
        return campaigns == null ? Stream.empty()
                : campaigns.campaigns().stream().filter(c -> !c.state().terminal()).map(Campaign::id);
    }
}
