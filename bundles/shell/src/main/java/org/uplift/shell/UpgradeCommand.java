package org.uplift.shell;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.StepRecord;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.shell.completers.DeviceIdCompleter;
import org.uplift.shell.completers.FirmwareVersionCompleter;

@Service
@Command(scope = "uplift", name = "upgrade", description = "Upgrades devices: backs up the configuration, loads the new software, restores the configuration.",
        detailedDescription = "Starts one job per device. With --wait, prints each step as it happens and fails if any job fails.\n"
                + "Example: uplift:upgrade --firmware 2.0.0 --wait iad-1 iad-2")
public class UpgradeCommand implements Action {

    @Reference
    private UpgradeService upgrades;

    @Argument(index = 0, name = "devices", description = "Device ids", required = true, multiValued = true)
    @Completion(DeviceIdCompleter.class)
    private List<String> devices;

    @Option(name = "--firmware", aliases = "-f", description = "Target software version (an image of the device's model must be in the catalogue)", required = true)
    @Completion(FirmwareVersionCompleter.class)
    private String firmware;

    @Option(name = "--policy", aliases = "-p", description = "When a step fails: ask (default: wait for uplift:retry/abort), abort, retry:N (then ask), retry:N:abort")
    private String policy = "ask";

    @Option(name = "--wait", aliases = "-w", description = "Follow the jobs until they end or wait for a decision")
    private boolean wait;

    @Option(name = "--timeout", description = "With --wait: give up following after this many seconds (the jobs go on)")
    private int timeoutSeconds = 3600;

    @Override
    public Object execute() throws Exception {
        RetryPolicy retryPolicy = RetryPolicy.parse(policy);
        List<Job> started = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String device : devices) {
            try {
                Job job = upgrades.start(device, firmware, retryPolicy);
                started.add(job);
                System.out.println("Job " + job.id() + " started: " + job.deviceId() + " -> " + job.targetVersion());
            } catch (UpgradeException e) {
                refused.add(e.getMessage());
                System.out.println("Not started: " + e.getMessage());
            }
        }
        if (wait && !started.isEmpty()) {
            follow(started);
        }
        if (!refused.isEmpty()) {
            throw new IllegalStateException(refused.size() + " of " + devices.size() + " upgrades not started: "
                    + String.join("; ", refused));
        }
        return null;
    }

    private void follow(List<Job> started) throws InterruptedException {
        Map<String, Integer> printed = new HashMap<>();
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        List<Job> current = started;
        while (true) {
            current = current.stream().map(j -> upgrades.job(j.id()).orElse(j)).toList();
            for (Job job : current) {
                List<StepRecord> history = job.history();
                for (int i = printed.getOrDefault(job.id(), 0); i < history.size(); i++) {
                    StepRecord r = history.get(i);
                    System.out.printf("%s %-10s %-15s %s%n", job.id(), job.deviceId(), r.state(), r.message());
                }
                printed.put(job.id(), history.size());
            }
            if (current.stream().allMatch(j -> j.state().terminal() || j.state() == JobState.AWAITING_DECISION)) {
                break;
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("stopped following after " + timeoutSeconds + " s; the jobs go on: see uplift:jobs");
            }
            Thread.sleep(250);
        }
        List<String> waiting = current.stream().filter(j -> j.state() == JobState.AWAITING_DECISION).map(Job::id).toList();
        long notDone = current.stream().filter(j -> j.state() != JobState.DONE).count();
        if (!waiting.isEmpty()) {
            System.out.println("Waiting for a decision: " + String.join(" ", waiting)
                    + " (uplift:retry <job> or uplift:abort <job>)");
        }
        if (notDone > 0) {
            throw new IllegalStateException(notDone + " of " + current.size() + " upgrades did not finish"
                    + (waiting.isEmpty() ? "" : " (" + waiting.size() + " waiting for a decision)") + ": see uplift:job <id>");
        }
    }
}
