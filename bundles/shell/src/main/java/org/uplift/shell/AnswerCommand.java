package org.uplift.shell;

import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.UpgradeService;

/**
 * A command that answers a job's prompt with one decision (uplift:retry, uplift:abort). Each command declares its
 * own job argument, since which jobs it takes (and so its completer and help) differ.
 */
abstract class AnswerCommand extends UpliftAction {

    @Reference
    private UpgradeService upgrades;

    @Option(name = "--prompt", description = "The prompt you answer (uplift:job shows it); refused if another operator answered it first")
    private Integer prompt;

    /** Answers the job's prompt with {@code decision} and prints where the job stands then. */
    protected final Object answer(String jobId, Decision decision) throws Exception {
        Job job = Answers.answer(upgrades, jobId, prompt, decision);
        System.out.println("Job " + job.id() + " (" + job.deviceId() + "): " + job.state() + " - " + job.lastMessage());
        return null;
    }
}
