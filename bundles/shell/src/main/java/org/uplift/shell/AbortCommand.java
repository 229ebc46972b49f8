package org.uplift.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.workflow.Decision;
import org.uplift.shell.completers.UnfinishedJobIdCompleter;

@Service
@Command(scope = "uplift", name = "abort", description = "Ends a job: one waiting for a decision, or one still running or stuck in a step.", detailedDescription = """
        A running step is stopped and counts as failed. Once the device's software was touched it is first \
        returned to its old version and configuration (ROLLBACK), then the job ends ABORTED.
        Follow the roll-back with uplift:job --follow <job>.
        Example: uplift:abort 3f2a9c1e""")
public class AbortCommand extends AnswerCommand {

    @Argument(index = 0, name = "job", description = "Id of a job that has not ended (see uplift:jobs)", required = true)
    @Completion(UnfinishedJobIdCompleter.class)
    private String id;

    @Override
    protected Object run() throws Exception {
        return answer(id, Decision.ABORT);
    }
}
