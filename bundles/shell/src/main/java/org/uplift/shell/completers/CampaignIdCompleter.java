package org.uplift.shell.completers;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignService;

/** Completes campaign ids. */
@Service
public class CampaignIdCompleter implements Completer {

    @Reference
    private CampaignService campaigns;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter delegate = new StringsCompleter();
        campaigns.campaigns().stream().map(Campaign::id).forEach(delegate.getStrings()::add);
        return delegate.complete(session, commandLine, candidates);
    }
}
