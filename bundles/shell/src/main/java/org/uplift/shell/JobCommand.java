package org.uplift.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.table.ShellTable;
import org.uplift.api.workflow.DecisionRecord;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.StepRecord;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.shell.completers.JobIdCompleter;
import org.uplift.shell.progress.JobFollower;
import org.uplift.shell.progress.Pacer;
import org.uplift.shell.progress.ProgressOutputs;

@Service
@Command(scope = "uplift", name = "job", description = "Shows one job and its step history, with the evidence of each step; with --follow, live until it ends.", detailedDescription = """
        With --follow the job is followed as uplift:upgrade --wait does: each step as it is entered and the \
        bytes of each transfer, until the job ends or waits for a decision; the command then fails (non-zero) \
        unless the job is DONE. Ctrl-C stops following, not the job.
        Default: no --timeout (follow until the end).
        Examples:
          uplift:job 3f2a9c1e
          uplift:job --follow 3f2a9c1e""")
public class JobCommand extends UpliftAction {

    @Reference
    private UpgradeService upgrades;

    @Reference(optional = true)
    private Session session;

    @Argument(index = 0, name = "job", description = "Job id (see uplift:jobs)", required = true)
    @Completion(JobIdCompleter.class)
    private String id;

    @Option(name = "--follow", aliases = "-f", description = "Follow the job live until it ends or waits for a decision (Ctrl-C stops following, not the job)")
    private boolean follow;

    @Option(name = "--timeout", description = "With --follow: stop following after this many seconds (the job goes on); 0: no limit")
    private int timeoutSeconds;

    /** How the follower waits between looks; real time except in tests. */
    private Pacer pacer = Pacer.REAL;

    @Override
    protected Object run() throws Exception {
        UpgradeService service = upgrades;
        Job job = service.job(id)
                .orElseThrow(() -> new IllegalArgumentException("no job '" + id + "': see uplift:jobs"));
        System.out.println("Job " + job.id() + ": device " + job.deviceId() + " -> " + job.firmwareId() + " ("
                + job.state() + ")");
        if (!job.plan().steps().isEmpty()) {
            System.out.println("Plan:");
            job.plan().lines().forEach(line -> System.out.println("  " + TerminalText.safe(line)));
        }
        ShellTable table = new ShellTable();
        table.column("State");
        table.column("At");
        table.column("Message");
        for (StepRecord r : job.history()) {
            table.addRow().addContent(r.state(), r.at(), TerminalText.safe(r.message()));
        }
        table.print(System.out);
        decisionLines(job).forEach(System.out::println);
        if (!follow) {
            return null;
        }
        Duration limit = OptionChecks.followLimit(timeoutSeconds);
        Job last;
        try {
            last = new JobFollower(service, ProgressOutputs.forSession(session, System.out), pacer)
                    .follow(List.of(job), false, limit)
                    .get(0);
        } catch (InterruptedException e) {
            System.out.println("Stopped following; the job goes on. Follow it again with uplift:job --follow " + id);
            Thread.currentThread().interrupt();
            return null;
        }
        return outcome(last);
    }

    /** The open prompt and who answered the last one, from the job's own fields. */
    static List<String> decisionLines(Job job) {
        List<String> lines = new ArrayList<>();
        if (job.state() == JobState.AWAITING_DECISION) {
            lines.add("Waiting on prompt " + job.prompt() + ": uplift:retry --prompt " + job.prompt() + " " + job.id()
                    + " or uplift:abort --prompt " + job.prompt() + " " + job.id());
        }
        DecisionRecord d = job.lastDecision();
        if (d != null) {
            lines.add("Prompt " + d.prompt() + " decided " + d.decision() + " by " + TerminalText.safe(d.by()) + " ("
                    + TerminalText.safe(d.from()) + ") at " + d.at());
        }
        return lines;
    }

    private Object outcome(Job job) throws Exception {
        if (job.state() == JobState.DONE) {
            System.out.println("Job " + job.id() + " DONE: " + job.deviceId() + " runs " + job.targetVersion());
            return null;
        }
        if (job.state() == JobState.AWAITING_DECISION) {
            throw Failures.of("job " + job.id() + " (" + job.deviceId() + ") waits for a decision: " + job.lastMessage()
                    + "; answer with uplift:retry " + job.id() + " or uplift:abort " + job.id());
        }
        if (job.state().terminal()) {
            throw Failures.of(
                    "job " + job.id() + " (" + job.deviceId() + ") ended " + job.state() + ": " + job.lastMessage());
        }
        throw Failures.of(
                "stopped following after " + timeoutSeconds + " s; the job goes on: uplift:job --follow " + job.id());
    }
}
