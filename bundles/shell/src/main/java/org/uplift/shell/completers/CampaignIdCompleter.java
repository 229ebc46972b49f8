package org.uplift.shell.completers;

import java.util.stream.Stream;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignService;

/** Completes campaign ids, newest first. */
@Service
public class CampaignIdCompleter extends IdCompleter {

    @Reference(optional = true)
    private CampaignService campaigns;

    @Override
    protected Stream<String> ids() {
        return campaigns == null ? Stream.empty() : campaigns.campaigns().stream().map(Campaign::id);
    }
}
