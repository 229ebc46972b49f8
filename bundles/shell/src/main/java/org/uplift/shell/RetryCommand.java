package org.uplift.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.workflow.Decision;
import org.uplift.shell.completers.WaitingJobIdCompleter;

@Service
@Command(scope = "uplift", name = "retry", description = "Retries the failed step of a job waiting for a decision.", detailedDescription = """
        Only a job in AWAITING_DECISION can be retried. Before an update is retried the device is returned \
        to the software version it kept.
        Follow the job with uplift:job --follow <job>.
        Example: uplift:retry 3f2a9c1e""")
public class RetryCommand extends AnswerCommand {

    @Argument(index = 0, name = "job", description = "Id of a job in AWAITING_DECISION (see uplift:jobs)", required = true)
    @Completion(WaitingJobIdCompleter.class)
    private String id;

    @Override
    protected Object run() throws Exception {
        return answer(id, Decision.RETRY);
    }
}
