package org.uplift.shell.completers;

import java.util.stream.Stream;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.UpgradeService;

/** Completes job ids, newest first. */
@Service
public class JobIdCompleter extends IdCompleter {

    @Reference(optional = true)
    private UpgradeService upgrades;

    @Override
    protected Stream<String> ids() {
        return upgrades == null ? Stream.empty() : upgrades.jobs().stream().map(Job::id);
    }
}
