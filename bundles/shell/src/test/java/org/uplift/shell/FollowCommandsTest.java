package org.uplift.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.shell.fakes.Commands.command;
import static org.uplift.shell.fakes.Commands.run;
import static org.uplift.shell.fakes.Commands.set;
import static org.uplift.shell.fakes.FakeCampaigns.campaign;
import static org.uplift.shell.fakes.FakeCampaigns.wave;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;
import org.uplift.api.workflow.CampaignState;
import org.uplift.api.workflow.JobState;
import org.uplift.shell.fakes.Commands.Run;
import org.uplift.shell.fakes.FakeCampaigns;
import org.uplift.shell.fakes.FakeCatalog;
import org.uplift.shell.fakes.FakeUpgrades;
import org.uplift.shell.fakes.Scripts;
import org.uplift.shell.fakes.VirtualPacer;

/** upgrade --wait, job --follow and campaign-show --follow: live progress, the end, Ctrl-C. */
class FollowCommandsTest {

    private final FakeUpgrades upgrades = new FakeUpgrades().withDevices("iad-1", "iad-2");
    private final FakeCatalog catalog = new FakeCatalog().with("IAD-1000", "2.0.0");
    private final FakeCampaigns campaigns = new FakeCampaigns();

    private UpgradeCommand upgradeAndWait(VirtualPacer pacer) {
        UpgradeCommand c = command(UpgradeCommand.class, upgrades, catalog);
        set(c, "firmware", "2.0.0");
        set(c, "devices", List.of("iad-1"));
        set(c, "wait", true);
        return set(c, "pacer", pacer);
    }

    @Test
    void givenAHealthyDevice_whenUpgradedWithWait_thenStepsAndBytesArePrintedAndItSucceeds() {
        VirtualPacer pacer = Scripts.healthyUpgrade(new VirtualPacer(200), upgrades, "job00001");
        Run run = run(upgradeAndWait(pacer));
        assertNull(run.failure());
        assertTrue(run.out().startsWith("Job job00001 started: iad-1 -> 2.0.0"), run.out());
        assertTrue(run.out().contains("VERIFY_RESTORE") && run.out().contains("5.0 MiB / 10.0 MiB (50%)"), run.out());
        assertTrue(run.out().endsWith("Job job00001 DONE: iad-1 runs 2.0.0" + System.lineSeparator()), run.out());
    }

    @Test
    void givenAFailedStep_whenWaiting_thenTheCommandFailsInOneLineSayingWhatToDo() {
        VirtualPacer pacer = new VirtualPacer(50)
                .then(() -> upgrades.enter("job00001", JobState.BACKUP, "device asked to upload"))
                .then(() -> upgrades.enter("job00001", JobState.AWAITING_DECISION,
                        "BACKUP failed: time-out after 120 s"));
        Run run = run(upgradeAndWait(pacer));
        assertTrue(run.failure() instanceof CommandException, String.valueOf(run.failure()));
        assertEquals("1 of 1 upgrades did not finish (1 waiting for a decision): see uplift:job job00001"
                + " (AWAITING_DECISION: BACKUP failed: time-out after 120 s)", run.failure().getMessage());
        assertTrue(run.out().contains("Waiting for a decision: job00001 (uplift:retry <job> or uplift:abort <job>)"),
                run.out());
    }

    @Test
    void givenWaitingInAThread_whenInterruptedAsByCtrlC_thenFollowingStopsButTheJobGoesOn() throws Exception {
        UpgradeCommand c = upgradeAndWait(null);
        set(c, "pacer", org.uplift.shell.progress.Pacer.REAL);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream previous = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        AtomicReference<Object> result = new AtomicReference<>("not returned");
        AtomicBoolean interruptKept = new AtomicBoolean();
        Thread shell = new Thread(() -> {
            try {
                result.set(c.execute());
                interruptKept.set(Thread.currentThread().isInterrupted());
            } catch (Exception e) {
                result.set(e);
            }
        });
        try {
            shell.start();
            long deadline = System.currentTimeMillis() + 10_000;
            while (!bytes.toString(StandardCharsets.UTF_8).contains("PENDING")
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            upgrades.enter("job00001", JobState.BACKUP, "device asked to upload");
            Thread.sleep(600);
            shell.interrupt();
            shell.join(10_000);
        } finally {
            System.setOut(previous);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertFalse(shell.isAlive(), "the command stopped waiting");
        assertNull(result.get(), "Ctrl-C is not a failure of the job: " + result.get());
        assertTrue(interruptKept.get(), "the interrupt is kept for the shell");
        assertTrue(out.contains("BACKUP"), out);
        assertTrue(out
                .endsWith("Stopped following; the jobs go on. Follow one again with uplift:job --follow <id>: job00001"
                        + System.lineSeparator()),
                out);
        assertTrue(upgrades.decisions.isEmpty(), "the job was not aborted");
        assertEquals(JobState.BACKUP, upgrades.job("job00001").orElseThrow().state());
    }

    @Test
    void givenAJobFollowed_whenItEndsAborted_thenTheCommandFailsSayingWhy() {
        upgrades.add("job00007", "iad-2", "2.0.0", null);
        upgrades.enter("job00007", JobState.UPDATE, "device asked to download");
        VirtualPacer pacer = new VirtualPacer(50)
                .then(() -> upgrades.transfer("job00007", 3_300_000, 8L << 20))
                .then(() -> upgrades.enter("job00007", JobState.AWAITING_DECISION, "UPDATE failed: transferFailed"))
                .then(() -> upgrades.enter("job00007", JobState.ROLLBACK, "abort: back to 1.0.0"))
                .then(() -> upgrades.enter("job00007", JobState.ABORTED,
                        "device runs 1.0.0 with its old configuration"));
        JobCommand c = command(JobCommand.class, upgrades);
        set(c, "id", "job00007");
        set(c, "follow", true);
        set(c, "pacer", pacer);
        Run run = run(c);
        assertTrue(run.out().startsWith("Job job00007: device iad-2 -> IAD-1000-2.0.0 (UPDATE)\nPlan:\n"
                + "  BACKUP: uplift-iad over tftp\n  skip RESTORE: \\u001B]0;evil\\u0007 left out\n"), run.out());
        assertFalse(run.out().contains("\u001b"), "no ESC reaches the terminal");
        assertTrue(run.out().contains("3.1 MiB / 8.0 MiB (39%)"), run.out());
        assertTrue(run.out().contains("ROLLBACK"), run.out());
        assertEquals("job job00007 (iad-2) ended ABORTED: device runs 1.0.0 with its old configuration",
                run.failure().getMessage());
    }

    private CampaignShowCommand follow(String id, VirtualPacer pacer) {
        CampaignShowCommand c = command(CampaignShowCommand.class, campaigns, upgrades);
        set(c, "id", id);
        set(c, "follow", true);
        return set(c, "pacer", pacer);
    }

    @Test
    void givenACampaignOfTwoWaves_whenFollowed_thenWavesCountsAndJobsInFlightArePrintedUntilItCompletes() {
        campaigns.set(campaign("c-1", CampaignState.RUNNING, 1, "wave 1 of 2 started", wave(1, 1, 0, 0, 0, 1, 0),
                wave(2, 1, 0, 0, 0, 0, 1)));
        upgrades.add("job00001", "iad-1", "2.0.0", "c-1");
        VirtualPacer pacer = new VirtualPacer(100)
                .then(() -> upgrades.enter("job00001", JobState.UPDATE, "device asked to download"))
                .then(() -> upgrades.transfer("job00001", 4L << 20, 8L << 20))
                .then(() -> upgrades.enter("job00001", JobState.DONE, "configuration verified"))
                .then(() -> {
                    campaigns.set(campaign("c-1", CampaignState.RUNNING, 2, "wave 2 of 2 started",
                            wave(1, 1, 1, 0, 0, 0, 0), wave(2, 1, 0, 0, 0, 1, 0)));
                    upgrades.add("job00002", "iad-2", "2.0.0", "c-1");
                })
                .then(() -> upgrades.enter("job00002", JobState.DONE, "configuration verified"))
                .then(() -> campaigns.set(campaign("c-1", CampaignState.COMPLETED, 2, "all waves ended",
                        wave(1, 1, 1, 0, 0, 0, 0), wave(2, 1, 1, 0, 0, 0, 0))));

        Run run = run(follow("c-1", pacer));

        assertNull(run.failure(), run.out());
        String out = run.out();
        assertTrue(out.startsWith("Campaign c-1 RUNNING, wave 1 of 2: wave 1 of 2 started"), out);
        assertTrue(out.contains("job00001 iad-1      PENDING           (in flight: accepted)"), out);
        assertTrue(out.contains("job00001 iad-1      UPDATE            4.0 MiB / 8.0 MiB (50%)"), out);
        assertTrue(out.contains("wave 1/2: 1 device: 1 done, 0 failed, 0 waiting, 0 running, 0 not started"), out);
        assertTrue(out.contains("Campaign c-1 RUNNING, wave 2 of 2: wave 2 of 2 started"), out);
        assertTrue(out.contains("job00002 iad-2      PENDING           accepted"),
                "a job started while following: " + out);
        assertTrue(out.indexOf("Campaign c-1 COMPLETED") > out.indexOf("job00002 iad-2      DONE "), out);
        assertTrue(out.endsWith("Campaign c-1 COMPLETED: 2 of 2 devices upgraded" + System.lineSeparator()), out);
        assertTrue(pacer.scriptDone());
    }

    @Test
    void givenACampaignThatCompletesWithAFailure_whenFollowed_thenTheCommandFailsInOneLine() {
        campaigns.set(campaign("c-2", CampaignState.RUNNING, 1, "wave 1 of 1 started", wave(1, 2, 1, 0, 0, 1, 0)));
        VirtualPacer pacer = new VirtualPacer(20).then(() -> campaigns.set(campaign("c-2", CampaignState.COMPLETED, 1,
                "all waves ended", wave(1, 2, 1, 1, 0, 0, 0, "iad-2 (job job00002): UPDATE failed: transferFailed"))));
        Run run = run(follow("c-2", pacer));
        assertTrue(run.out().contains("wave 1 failed: iad-2 (job job00002): UPDATE failed: transferFailed"), run.out());
        assertEquals(
                "campaign c-2 completed with 1 of 2 devices failed (1 of 2 devices upgraded): see the failures above"
                        + " and uplift:jobs --campaign c-2",
                run.failure().getMessage());
    }

    @Test
    void givenACampaignPausedWithNothingRunning_thenFollowingStopsAndSaysHowToGoOn() {
        campaigns.set(campaign("c-3", CampaignState.RUNNING, 1, "wave 1 of 1 started", wave(1, 4, 0, 0, 0, 2, 2)));
        VirtualPacer pacer = new VirtualPacer(20)
                .then(() -> campaigns.set(campaign("c-3", CampaignState.PAUSED, 1,
                        "wave 1: 2 of 4 failed (threshold 20%)", wave(1, 4, 0, 1, 0, 1, 2))))
                .then(() -> campaigns.set(campaign("c-3", CampaignState.PAUSED, 1,
                        "wave 1: 2 of 4 failed (threshold 20%)", wave(1, 4, 0, 2, 0, 0, 2))));
        Run run = run(follow("c-3", pacer));
        assertEquals(2, pacer.pauses, "kept following while a job of the paused campaign ran");
        assertEquals(
                "campaign c-3 is paused (0 of 4 devices upgraded): wave 1: 2 of 4 failed (threshold 20%); go on with"
                        + " uplift:campaign-resume c-3 or stop with uplift:campaign-cancel c-3",
                run.failure().getMessage());
    }

    @Test
    void withoutFollowACampaignIsShownOnceAndNothingIsWaitedFor() {
        campaigns.set(campaign("c-4", CampaignState.RUNNING, 1, "wave 1 of 1 started", wave(1, 2, 1, 0, 0, 1, 0)));
        CampaignShowCommand c = command(CampaignShowCommand.class, campaigns, upgrades);
        set(c, "id", "c-4");
        set(c, "pacer", new VirtualPacer(0));
        Run run = run(c);
        assertNull(run.failure());
        assertTrue(
                run.out().contains("target 2.0.0, 2 devices: iad-1, iad-2, concurrency 5, waves 1,100%, threshold 20%"),
                run.out());
    }
}
