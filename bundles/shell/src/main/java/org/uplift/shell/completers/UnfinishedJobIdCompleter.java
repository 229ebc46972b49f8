package org.uplift.shell.completers;

import java.util.stream.Stream;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.UpgradeService;

/** Completes the ids of jobs that have not ended (running, or waiting for a decision): what uplift:abort takes. */
@Service
public class UnfinishedJobIdCompleter extends IdCompleter {

    @Reference(optional = true)
    private UpgradeService upgrades;

    @Override
    protected Stream<String> ids() {
        return upgrades == null ? Stream.empty()
                : upgrades.jobs().stream().filter(j -> !j.state().terminal()).map(Job::id);
    }
}
