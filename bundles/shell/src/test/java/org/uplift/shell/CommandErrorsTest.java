package org.uplift.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.shell.fakes.Commands.command;
import static org.uplift.shell.fakes.Commands.run;
import static org.uplift.shell.fakes.Commands.set;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uplift.api.repository.BackupStore;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.shell.fakes.Commands.Run;
import org.uplift.shell.fakes.FakeBackups;
import org.uplift.shell.fakes.FakeCampaigns;
import org.uplift.shell.fakes.FakeCatalog;
import org.uplift.shell.fakes.FakeDirectory;
import org.uplift.shell.fakes.FakeFileServer;
import org.uplift.shell.fakes.FakeUpgrades;

/** Bad input fails with one clear line, never a stack trace and never a NullPointerException. */
class CommandErrorsTest {

    private final FakeUpgrades upgrades = new FakeUpgrades().withDevices("iad-1", "iad-2");
    private final FakeCatalog catalog = new FakeCatalog().with("IAD-1000", "2.0.0");
    private final FakeCampaigns campaigns = new FakeCampaigns();

    /** The failure an operator reads: one line, no exception class names, no stack frames. */
    private static String oneLine(Run run) {
        assertNotNull(run.failure(), "expected a failure, got:\n" + run.out());
        assertTrue(run.failure() instanceof CommandException,
                "Karaf prints a CommandException as one line: " + run.failure());
        String message = run.failure().getMessage();
        assertFalse(message.contains("\n") || message.contains("Exception") || message.contains("at org."), message);
        assertFalse(run.out().contains("Exception") || run.out().contains("at org."), run.out());
        return message;
    }

    private UpgradeCommand upgrade(String firmware, String... devices) {
        UpgradeCommand c = command(UpgradeCommand.class, upgrades, catalog);
        set(c, "firmware", firmware);
        return set(c, "devices", List.of(devices));
    }

    @Test
    void anUnknownFirmwareVersionIsRefusedBeforeAnyJobStarts() {
        String message = oneLine(run(upgrade("9.9.9", "iad-1")));
        assertEquals("no firmware version 9.9.9 in the catalogue (it has 2.0.0); add an image with uplift:firmware-add",
                message);
        assertTrue(upgrades.jobs().isEmpty());
    }

    @Test
    void anUnknownDeviceIsOneLineNotAListOfOne() {
        Run run = run(upgrade("2.0.0", "nosuch"));
        assertEquals("device nosuch is in no inventory: add it with uplift:device-add", oneLine(run));
        assertEquals("", run.out(), "the reason is said once, in the error");
    }

    @Test
    void amongSeveralDevicesTheRefusedOnesAreCountedAndTheOthersStarted() {
        Run run = run(upgrade("2.0.0", "iad-1", "nosuch"));
        assertEquals("1 of 2 upgrades not started: device nosuch is in no inventory: add it with uplift:device-add",
                oneLine(run));
        assertTrue(run.out().contains("Job job00001 started: iad-1 -> 2.0.0"), run.out());
    }

    @Test
    void aMalformedPolicyNamesTheOption() {
        UpgradeCommand c = set(upgrade("2.0.0", "iad-1"), "policy", "retry:x");
        assertEquals("--policy: policy must be ask, abort, retry:N, retry:N:ask or retry:N:abort, got 'retry:x'",
                oneLine(run(c)));
    }

    @Test
    void withoutTheOptionalCatalogueTheServiceRefusesAnUnknownVersionItself() {
        UpgradeCommand c = command(UpgradeCommand.class, upgrades);
        set(c, "firmware", "9.9.9");
        set(c, "devices", List.of("nosuch"));
        assertEquals("device nosuch is in no inventory: add it with uplift:device-add", oneLine(run(c)));
    }

    @Test
    void aServiceFailingUnexpectedlyIsOneLinePointingToTheLog() {
        UpgradeService broken = new FakeUpgrades() {
            @Override
            public List<Job> jobs() {
                throw new NullPointerException();
            }
        };
        assertEquals("uplift:jobs stopped on an internal error; the details are in the Karaf log (log:display)",
                oneLine(run(command(JobsCommand.class, broken))));
    }

    @Test
    void unknownJobsAndCampaignsAreNamed() {
        assertEquals("no job 'nosuch': see uplift:jobs",
                oneLine(run(set(command(JobCommand.class, upgrades), "id", "nosuch"))));
        assertEquals("no job nosuch: see uplift:jobs",
                oneLine(run(set(command(AbortCommand.class, upgrades), "id", "nosuch"))));
        assertEquals("no campaign 'c-1': see uplift:campaign-list",
                oneLine(run(set(command(CampaignShowCommand.class, campaigns, upgrades), "id", "c-1"))));
        assertEquals("no campaign c-1: see uplift:campaign-list",
                oneLine(run(set(command(CampaignPauseCommand.class, campaigns), "id", "c-1"))));
        assertTrue(oneLine(run(set(command(JobsCommand.class, upgrades), "state", "DONNE")))
                .startsWith("--state: no job state 'DONNE'; the states are PENDING, BACKUP"));
    }

    @Test
    void aMistypedDeviceIsToldFromADeviceWithoutBackups() {
        BackupStore none = new FakeBackups();
        assertEquals("no device 'iad-9' in the inventory and no backups of it: see uplift:device-list",
                oneLine(run(set(command(BackupsCommand.class, none), "device", "iad-9"))));
        BackupsCommand known = set(command(BackupsCommand.class, none, new FakeDirectory("iad-9")), "device", "iad-9");
        Run run = run(known);
        assertNull(run.failure());
        assertTrue(run.out().contains("Device iad-9 has no backups"), run.out());
    }

    @Test
    void unknownFirmwareIsNamed() {
        assertEquals("no firmware IAD-1000-9 in the catalogue: see uplift:firmware-list",
                oneLine(run(set(command(FirmwareShowCommand.class, catalog), "id", "IAD-1000-9"))));
        assertEquals("no firmware IAD-1000-9 in the catalogue: see uplift:firmware-list",
                oneLine(run(set(command(FirmwareRemoveCommand.class, catalog), "id", "IAD-1000-9"))));
    }

    @Test
    void malformedWavesAndPercentagesNameTheOption() {
        CampaignStartCommand c = command(CampaignStartCommand.class, campaigns, catalog);
        set(c, "firmware", "2.0.0");
        set(c, "devices", "iad-1,iad-2");
        set(c, "waves", "1,ten%");
        assertEquals("--waves: a wave size is a device count (5) or a percentage (25%), got 'ten%'", oneLine(run(c)));
        set(c, "waves", "1,150%");
        assertEquals("--waves: a wave size is a device count of at least 1 or a percentage 1%-100%, got 150%",
                oneLine(run(c)));
        set(c, "waves", "1,100%");
        set(c, "threshold", 120);
        assertEquals("--threshold is a percentage 0-100, got 120", oneLine(run(c)));
        set(c, "threshold", 20);
        set(c, "concurrency", 0);
        assertEquals("concurrency must be 1-10000, got 0", oneLine(run(c)));
        set(c, "concurrency", 5);
        set(c, "devices", null);
        assertEquals("choose the devices: --devices a,b,c, --model M, or --older (with --model M)", oneLine(run(c)));
        assertTrue(campaigns.started.isEmpty(), "nothing was started");
        set(c, "devices", "iad-1,iad-2");
        Run ok = run(c);
        assertNull(ok.failure());
        assertTrue(ok.out().contains("Follow it with uplift:campaign-show --follow c-00000001"), ok.out());
    }

    @Test
    void aFileThatDoesNotExistIsNamed(@TempDir Path dir) {
        FirmwareAddCommand c = command(FirmwareAddCommand.class, catalog);
        set(c, "file", dir.resolve("iad-3.0.0.bin").toString());
        set(c, "model", "IAD-1000");
        set(c, "version", "3.0.0");
        assertEquals("no such file: " + dir.resolve("iad-3.0.0.bin"), oneLine(run(c)));
        set(c, "file", dir.toString());
        assertEquals("not a file: " + dir, oneLine(run(c)));
    }

    @Test
    void aMalformedDurationIsExplained(@TempDir Path dir) {
        TransferOpenGuard guard = new TransferOpenGuard(Duration.ofMinutes(30), dir.resolve("export"),
                dir.resolve("tickets"),
                Clock.systemUTC());
        try {
            TransferOpenCommand c = command(TransferOpenCommand.class, new FakeFileServer(), guard);
            set(c, "to", "127.0.0.1");
            set(c, "ttl", "10 minutes");
            set(c, "write", true);
            assertEquals("--ttl 10 minutes is not a duration; use 90s, 10m, 2h or PT10M", oneLine(run(c)));
        } finally {
            guard.deactivate();
        }
        assertEquals("--ttl 10 minutes is not a duration; use 90s, 10m, 2h or PT10M",
                assertThrows(IllegalArgumentException.class,
                        () -> TransferOpenCommand.parseDuration("10 minutes")).getMessage());
    }
}
