package org.uplift.shell.completers;

import java.util.Arrays;
import java.util.stream.Stream;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.workflow.JobState;

/** Completes the names of job states, for filters such as uplift:jobs --state. */
@Service
public class JobStateCompleter extends IdCompleter {

    @Override
    protected Stream<String> ids() {
        return Arrays.stream(JobState.values()).map(Enum::name);
    }
}
