package org.uplift.workflow.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.CampaignState;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.DeviceSelection;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.StepRecord;
import org.uplift.api.workflow.WaveSize;
import org.uplift.repository.testing.Configs;
import org.uplift.simulator.DeviceStatus;
import org.uplift.simulator.Fault;
import org.uplift.simulator.FaultKind;
import org.uplift.simulator.SimulatedDevice;
import org.uplift.workflow.engine.FleetFixture;
import org.uplift.workflow.store.JdbcJobStore;

/**
 * The fault soak of bench/fleet-soak.sh, bounded: one campaign over a fleet in which every fault kind
 * the simulator has is shown by some device, with a retry policy, and an operator (an OperatorDecisions
 * service, as a host registers one) that decides what the policy leaves open: it repairs a device that
 * went silent and retries a failed roll-back, and otherwise aborts. Real simulator, TFTP server, SNMP
 * driver, engine, campaign engine and H2. At the end nothing is stuck, and every device is either on
 * the target with its configuration equal to its stored backup, or on its old version with its old
 * configuration, as its job's history says.
 */
@Timeout(120)
class FleetSoakTest extends FleetTest {

    private static final int DEVICES = 40;
    private static final String OLD = "1.0.0";
    private static final String TARGET = "2.0.0";

    /** Device index: its faults, and the end its job must reach with the policy and operator below. */
    private static final Map<Integer, Expected> FAULTS = new TreeMap<>(Map.ofEntries(
            Map.entry(2, new Expected(JobState.ABORTED, "backup-fail")),
            Map.entry(4, new Expected(JobState.ABORTED, "backup-hang")),
            Map.entry(6, new Expected(JobState.ABORTED, "download-fail:noMemory")),
            Map.entry(8, new Expected(JobState.ABORTED, "corrupt-image")),
            Map.entry(10, new Expected(JobState.ABORTED, "load-fail")),
            Map.entry(12, new Expected(JobState.DONE, "no-return")),
            Map.entry(14, new Expected(JobState.ABORTED, "reject-config")),
            Map.entry(16, new Expected(JobState.DONE, "restore-fail:1")),
            Map.entry(17, new Expected(JobState.ABORTED, "restore-fail:3")),
            Map.entry(18, new Expected(JobState.ABORTED, "silent-during:backup")),
            Map.entry(20, new Expected(JobState.DONE, "silent-during:download")),
            Map.entry(21, new Expected(null, "silent")),
            Map.entry(22, new Expected(JobState.ABORTED, "silent-during:restore")),
            // the roll-back an abort commands silences it: the roll-back cannot be verified, the job fails
            Map.entry(24, new Expected(JobState.FAILED, "silent-during:rollback", "reject-config")),
            // devices that lie: each of the server's own checks catches them
            Map.entry(25, new Expected(JobState.ABORTED, "backup-truncated")),
            Map.entry(26, new Expected(JobState.ABORTED, "backup-stale")),
            Map.entry(27, new Expected(JobState.ABORTED, "backup-no-upload")),
            // the device lost its old version: its roll-back cannot be done, a person must act
            Map.entry(28, new Expected(JobState.FAILED, "keep-none")),
            Map.entry(29, new Expected(JobState.ABORTED, "stays-old")),
            // it keeps lying when its old configuration is restored: the roll-back cannot be verified
            Map.entry(30, new Expected(JobState.FAILED, "restore-other")),
            // devices that stumble: waited out
            Map.entry(31, new Expected(JobState.DONE, "flash-silence:1")),
            Map.entry(32, new Expected(JobState.DONE, "double-reboot")),
            Map.entry(33, new Expected(JobState.DONE, "uptime-wrap:3")),
            Map.entry(34, new Expected(JobState.ABORTED, "download-hang")),
            Map.entry(35, new Expected(JobState.ABORTED, "restore-hang")),
            // UPLIFT-IAD-MIB's restore replaces the configuration: the new software's own line is gone again
            Map.entry(36, new Expected(JobState.DONE, "boot-adds-line")),
            // a row whose state reads noSuchInstance for a while is not taken for a lost operation
            Map.entry(37, new Expected(JobState.DONE, "slow-row:500")),
            // a new SNMP engine ID at the update's reboot (v2c reads it all the same; snmpEngineBoots rises)
            Map.entry(38, new Expected(JobState.DONE, "engine-id-change"))));
    /** Devices that run another configuration than the one restored to them: neither old nor backup at the end. */
    private static final Set<Integer> LYING_CONFIG = Set.of(30);

    /** @param end the job's end state; {@code null}: no job, the device could not even be read */
    private record Expected(JobState end, String... faults) {
    }

    @Test
    void givenAFleetShowingEveryFaultKind_whenUpgradedWithARetryPolicy_thenEveryDeviceEndsConsistentAndSaysWhy()
            throws Exception {
        List<String> faults = new ArrayList<>();
        FAULTS.forEach((index, expected) -> {
            for (String fault : expected.faults()) {
                faults.add(index + "=" + fault);
            }
        });
        assertEquals(EnumSet.allOf(FaultKind.class), FAULTS.values().stream().flatMap(e -> List.of(e.faults()).stream())
                .map(f -> Fault.parse(f).kind()).collect(Collectors.toSet()), "every fault kind is shown");
        fleet = new FleetFixture(dir, DEVICES, faults, 20 * 1024, Map.of("pollIntervalMillis", 100,
                "backupTimeoutSeconds", 2, "updateTimeoutSeconds", 5, "rebootTimeoutSeconds", 6,
                "restoreTimeoutSeconds", 2, "maxConcurrentJobs", DEVICES, "rebootSettleMillis", 1500));
        Map<Integer, String> oldDigests = new HashMap<>();
        for (int i = 1; i <= DEVICES; i++) {
            oldDigests.put(i, fleet.sim(i).status().configDigest());
        }
        Map<String, List<String>> decided = new ConcurrentHashMap<>();
        fleet.addOperator((job, failedStep, reason) -> Optional.of(operator(job, failedStep, decided)));
        campaigns = new CampaignEngine(Configs.of(CampaignEngine.Config.class, Map.of("tickMillis", 100L)),
                fleet.upgrades(), new CampaignStore(fleet.dataSource()), new JdbcJobStore(fleet.dataSource()),
                fleet.directory());
        campaigns.activate();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= DEVICES; i++) {
            ids.add("iad-" + i);
        }

        String id = campaigns.start(new CampaignRequest(TARGET, DeviceSelection.list(ids), DEVICES,
                WaveSize.parseAll("100%"), 100, RetryPolicy.parse("retry:1"))).id();

        Campaign ended = awaitEnd(id, Duration.ofSeconds(90));
        for (SimulatedDevice sim : allSims()) {
            sim.clearFaults(); // whatever still silences a device, so it can be read
        }
        Map<String, Job> jobs = new HashMap<>();
        fleet.upgrades().jobsOfCampaign(id).forEach(j -> jobs.put(j.deviceId(), j));
        List<String> problems = new ArrayList<>();
        for (int i = 1; i <= DEVICES; i++) {
            problems.addAll(check(i, jobs.get("iad-" + i), ended, oldDigests.get(i), decided));
        }
        assertEquals(List.of(), problems, "decisions: " + decided);
        long faultyDone = FAULTS.values().stream().filter(e -> e.end() == JobState.DONE).count();
        assertEquals(DEVICES - FAULTS.size() + faultyDone, ended.waves().get(0).done(), ended.toString());
    }

    /**
     * What an operator does with a job the policy gave up on: a silent device is repaired first; a failed
     * roll-back is tried again (ending it unverified would leave the device as it is); anything else is aborted.
     */
    private Decision operator(Job job, JobState failedStep, Map<String, List<String>> decided) {
        SimulatedDevice sim = fleet.sim(Integer.parseInt(job.deviceId().substring("iad-".length())));
        if (sim.status().rebooting() || sim.faults().stream().anyMatch(f -> f.kind() == FaultKind.NO_RETURN)) {
            sim.clearFaults();
            try {
                awaitAnswering(Integer.parseInt(job.deviceId().substring("iad-".length()))); // it boots on its own thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Decision decision = failedStep == JobState.ROLLBACK || failedStep == JobState.VERIFY_ROLLBACK
                ? Decision.RETRY : Decision.ABORT;
        decided.computeIfAbsent(job.deviceId(), d -> new ArrayList<>()).add(failedStep + " -> " + decision);
        return decision;
    }

    private List<String> check(int index, Job job, Campaign campaign, String oldDigest,
            Map<String, List<String>> decided)
            throws Exception {
        String device = "iad-" + index;
        Expected expected = FAULTS.getOrDefault(index, new Expected(JobState.DONE));
        DeviceStatus now = awaitAnswering(index);
        List<String> problems = new ArrayList<>();
        String seen = device + " (" + String.join(",", expected.faults()) + "): runs " + now.runningVersion() + ", job "
                + (job == null ? "none" : job.state() + " '" + job.lastMessage() + "'") + ", decisions "
                + decided.getOrDefault(device, List.of());
        if (job == null) {
            boolean explained = campaign.waves().get(0).failures().stream()
                    .anyMatch(f -> f.startsWith(device + ": not started: ") && f.contains("did not answer SNMP"));
            if (expected.end() != null || !explained || !OLD.equals(now.runningVersion())
                    || !oldDigest.equals(now.configDigest())) {
                problems.add("not started, unexplained or touched: " + seen);
            }
            return problems;
        }
        if (!job.state().terminal()) {
            problems.add("stuck: " + seen);
            return problems;
        }
        if (job.state() != expected.end()) {
            problems.add("expected " + expected.end() + ": " + seen + "; history " + job.history().stream()
                    .map(r -> r.state() + ": " + r.message()).toList());
        }
        boolean onTarget = TARGET.equals(now.runningVersion())
                && fleet.backups().latest(device).map(b -> b.sha256().equals(now.configDigest())).orElse(false);
        boolean onOld = OLD.equals(now.runningVersion()) && oldDigest.equals(now.configDigest());
        String last = job.lastMessage();
        boolean says = switch (job.state()) {
            case DONE -> onTarget && last.startsWith("upgraded to " + TARGET + "; running configuration sha256 ");
            case ABORTED -> onOld && (last.endsWith("job ended by decision")
                    || last.startsWith("end the job; the device's software was not changed; decided by "));
            default -> (onTarget || onOld || (LYING_CONFIG.contains(index) && OLD.equals(now.runningVersion())))
                    && last.contains("manual action needed");
        };
        if (!says) {
            problems.add("device and history disagree: " + seen + ", configuration "
                    + (onTarget ? "= backup on target" : onOld ? "= old on old" : "neither old nor backup"));
        }
        long byOperator = job.history().stream().filter(r -> r.message().contains("; decided by OperatorDecisions "))
                .count();
        if (byOperator != decided.getOrDefault(device, List.of()).size()) {
            problems.add("the history does not name the operator's " + decided.getOrDefault(device, List.of()).size()
                    + " decision(s): " + seen);
        }
        boolean rolledBack = job.history().stream().map(StepRecord::state).anyMatch(s -> s == JobState.ROLLBACK);
        if (job.state() == JobState.ABORTED
                && rolledBack != job.history().stream().anyMatch(r -> r.state() == JobState.UPDATE)) {
            problems.add("an abort after the update must roll back, before it must not: " + seen);
        }
        return problems;
    }

    private Campaign awaitEnd(String id, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        Campaign c = campaigns.campaign(id).orElseThrow();
        while (System.nanoTime() < deadline) {
            c = campaigns.campaign(id).orElseThrow();
            if (c.state() != CampaignState.RUNNING) {
                break;
            }
            Thread.sleep(100);
        }
        if (c.state() != CampaignState.COMPLETED) {
            fail("the campaign did not complete within " + limit.toSeconds() + " s (stuck): " + c + "\n"
                    + fleet.upgrades().jobsOfCampaign(id).stream().filter(j -> !j.state().terminal())
                            .map(j -> j.deviceId() + " " + j.state() + " " + j.lastMessage())
                            .collect(Collectors.joining("\n")));
        }
        return c;
    }

    /** A device that has just been repaired may still be booting. */
    private DeviceStatus awaitAnswering(int index) throws InterruptedException {
        DeviceStatus status = fleet.sim(index).status();
        for (int i = 0; i < 50 && status.rebooting(); i++) {
            Thread.sleep(100);
            status = fleet.sim(index).status();
        }
        assertTrue(!status.rebooting(), "iad-" + index + " does not answer");
        return status;
    }

    private List<SimulatedDevice> allSims() {
        List<SimulatedDevice> sims = new ArrayList<>();
        for (int i = 1; i <= DEVICES; i++) {
            sims.add(fleet.sim(i));
        }
        return sims;
    }
}
