package org.uplift.shell;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.shell.completers.WaitingJobIdCompleter;

@Service
@Command(scope = "uplift", name = "retry", description = "Retries the failed step of a job waiting for a decision.", detailedDescription = """
        Only a job in AWAITING_DECISION can be retried. Before an update is retried the device is returned \
        to the software version it kept.
        Follow the job with uplift:job --follow <job>.
        Example: uplift:retry 3f2a9c1e""")
public class RetryCommand extends UpliftAction {

    @Reference
    private UpgradeService upgrades;

    @Argument(index = 0, name = "job", description = "Id of a job in AWAITING_DECISION (see uplift:jobs)", required = true)
    @Completion(WaitingJobIdCompleter.class)
    private String id;

    @Option(name = "--prompt", description = "The prompt you answer (uplift:job shows it); refused if another operator answered it first")
    private Integer prompt;

    @Override
    protected Object run() throws Exception {
        Job job = Answers.answer(upgrades, id, prompt, Decision.RETRY);
        System.out.println("Job " + job.id() + " (" + job.deviceId() + "): " + job.state() + " - " + job.lastMessage());
        return null;
    }
}
