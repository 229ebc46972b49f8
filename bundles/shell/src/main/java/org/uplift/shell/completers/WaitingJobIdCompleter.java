package org.uplift.shell.completers;

import java.util.stream.Stream;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.UpgradeService;

/** Completes the ids of jobs waiting for a decision: what uplift:retry takes. */
@Service
public class WaitingJobIdCompleter extends IdCompleter {

    @Reference(optional = true)
    private UpgradeService upgrades;

    @Override
    protected Stream<String> ids() {
        return upgrades == null ? Stream.empty()
                : upgrades.jobs().stream().filter(j -> j.state() == JobState.AWAITING_DECISION).map(Job::id);
    }
}
