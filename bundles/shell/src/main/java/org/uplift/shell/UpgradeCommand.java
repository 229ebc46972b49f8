package org.uplift.shell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.uplift.api.repository.FirmwareCatalog;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.shell.completers.DeviceIdCompleter;
import org.uplift.shell.completers.FirmwareVersionCompleter;
import org.uplift.shell.progress.JobFollower;
import org.uplift.shell.progress.Pacer;
import org.uplift.shell.progress.ProgressOutputs;

@Service
@Command(scope = "uplift", name = "upgrade", description = "Upgrades devices: backs up each configuration, loads the new software, restores the configuration.", detailedDescription = """
        Starts one job per device: BACKUP, VERIFY_BACKUP, KEEP_OLD_VERSION, UPDATE, VERIFY_UPDATE, \
        MIGRATE_CONFIG, RESTORE, VERIFY_RESTORE, DONE - each step checked on evidence from the device and \
        the file server.
        Without --wait the command returns once the jobs are started; follow one with uplift:job --follow <id>.
        With --wait it prints each step as it happens and the bytes of each transfer (on a terminal in a \
        status line, otherwise a line at every tenth), until every job is DONE, has ended, or waits for a \
        decision; it fails (non-zero) if any job did not finish DONE. Ctrl-C stops following, not the jobs.
        Defaults: --policy ask (a failed step waits for uplift:retry or uplift:abort), --timeout 3600.
        Examples:
          uplift:upgrade --firmware 2.0.0 --wait iad-1
          uplift:upgrade --firmware 2.0.0 --policy retry:2:abort --wait --timeout 900 iad-1 iad-2 iad-3""")
public class UpgradeCommand extends UpliftAction {

    @Reference
    private UpgradeService upgrades;

    /** Optional: only to refuse an unknown version before anything starts. */
    @Reference(optional = true)
    private FirmwareCatalog catalog;

    @Reference(optional = true)
    private Session session;

    @Argument(index = 0, name = "devices", description = "Ids of the devices to upgrade (see uplift:device-list)", required = true, multiValued = true)
    @Completion(DeviceIdCompleter.class)
    private List<String> devices;

    @Option(name = "--firmware", aliases = "-f", description = "Target software version (an image of the device's model must be in the catalogue)", required = true)
    @Completion(FirmwareVersionCompleter.class)
    private String firmware;

    @Option(name = "--policy", aliases = "-p", description = "When a step fails: ask (wait for uplift:retry/abort), abort, retry:N (then ask), retry:N:abort")
    private String policy = "ask";

    @Option(name = "--wait", aliases = "-w", description = "Follow the jobs live until they end or wait for a decision; fail unless all are DONE")
    private boolean wait;

    @Option(name = "--timeout", description = "With --wait: stop following after this many seconds (the jobs go on)")
    private int timeoutSeconds = 3600;

    /** How the follower waits between looks; real time except in tests. */
    private Pacer pacer = Pacer.REAL;

    @Override
    protected Object run() throws Exception {
        RetryPolicy retryPolicy = OptionChecks.parse("--policy", policy, RetryPolicy::parse);
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout is a number of seconds of at least 1; got " + timeoutSeconds);
        }
        UpgradeService service = upgrades;
        OptionChecks.requireFirmwareVersion(catalog, firmware);
        List<Job> started = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String device : devices) {
            try {
                Job job = service.start(device, firmware, retryPolicy);
                started.add(job);
                System.out.println("Job " + job.id() + " started: " + job.deviceId() + " -> " + job.targetVersion());
            } catch (UpgradeException e) {
                if (devices.size() == 1) {
                    throw e; // one line, by its reason (Failures)
                }
                refused.add(e.getMessage());
                System.out.println("Not started: " + e.getMessage());
                if (refusesEveryDevice(e)) {
                    break;
                }
            }
        }
        List<String> problems = new ArrayList<>();
        if (!refused.isEmpty()) {
            int notTried = devices.size() - started.size() - refused.size();
            problems.add((refused.size() + notTried) + " of " + devices.size() + " upgrades not started: "
                    + String.join("; ", refused) + (notTried == 0 ? "" : "; the other " + notTried + " not tried"));
        }
        if (wait && !started.isEmpty()) {
            List<Job> last;
            try {
                last = new JobFollower(service, ProgressOutputs.forSession(session, System.out), pacer)
                        .follow(started, true, Duration.ofSeconds(timeoutSeconds));
            } catch (InterruptedException e) {
                System.out.println("Stopped following; the jobs go on. Follow one again with uplift:job --follow <id>: "
                        + started.stream().map(Job::id).collect(Collectors.joining(" ")));
                Thread.currentThread().interrupt();
                return null;
            }
            outcome(last).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw Failures.of(String.join("; ", problems));
        }
        return null;
    }

    /** A refusal that is not about one device (the request, or Uplift's store): the next devices would meet it too. */
    static boolean refusesEveryDevice(UpgradeException e) {
        return e.reason() == UpgradeException.Reason.INVALID_REQUEST
                || e.reason() == UpgradeException.Reason.UNAVAILABLE;
    }

    /** One line when a job did not finish DONE; none when all did. */
    private Optional<String> outcome(List<Job> jobs) {
        List<Job> following = jobs.stream()
                .filter(j -> !j.state().terminal() && j.state() != JobState.AWAITING_DECISION).toList();
        if (!following.isEmpty()) {
            return Optional.of("stopped following after " + timeoutSeconds + " s; the jobs go on: uplift:job --follow "
                    + following.get(0).id()
                    + (following.size() > 1 ? " (and " + (following.size() - 1) + " more, see uplift:jobs)" : ""));
        }
        List<String> waiting = jobs.stream().filter(j -> j.state() == JobState.AWAITING_DECISION).map(Job::id).toList();
        List<Job> notDone = jobs.stream().filter(j -> j.state() != JobState.DONE).toList();
        if (!waiting.isEmpty()) {
            System.out.println("Waiting for a decision: " + String.join(" ", waiting)
                    + " (uplift:retry <job> or uplift:abort <job>)");
        }
        if (notDone.isEmpty()) {
            System.out.println(
                    jobs.size() == 1 ? "Job " + jobs.get(0).id() + " DONE: " + jobs.get(0).deviceId() + " runs "
                            + jobs.get(0).targetVersion() : "All " + jobs.size() + " upgrades DONE");
            return Optional.empty();
        }
        return Optional.of(notDone.size() + " of " + jobs.size() + " upgrades did not finish"
                + (waiting.isEmpty() ? "" : " (" + waiting.size() + " waiting for a decision)") + ": see uplift:job "
                + (notDone.size() == 1
                        ? notDone.get(0).id() + " (" + notDone.get(0).state() + ": " + notDone.get(0).lastMessage()
                                + ")"
                        : "<id>"));
    }
}
