package org.uplift.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.shell.fakes.Commands.command;
import static org.uplift.shell.fakes.Commands.run;
import static org.uplift.shell.fakes.Commands.set;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.uplift.api.workflow.Decider;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeException.Reason;
import org.uplift.shell.fakes.Commands.Run;
import org.uplift.shell.fakes.FakeCampaigns;
import org.uplift.shell.fakes.FakeUpgrades;

/** The shell words and handles a refusal by its {@link Reason}, whatever the service's text says. */
class RefusalReasonsTest {

    /** Refuses every start with this reason and a text that names none of the shell's hints. */
    private static final class Refusing extends FakeUpgrades {
        final List<String> tried = new ArrayList<>();
        final Reason reason;

        Refusing(Reason reason) {
            this.reason = reason;
        }

        @Override
        public Job start(String deviceId, String firmwareVersion, RetryPolicy policy) throws UpgradeException {
            tried.add(deviceId);
            throw new UpgradeException(reason, "refused " + deviceId);
        }

        @Override
        public Job decide(String jobId, int prompt, Decision decision, Decider decider) throws UpgradeException {
            throw new UpgradeException(reason, "job " + jobId + " is RUNNING, not waiting for a decision");
        }
    }

    private static UpgradeCommand upgrade(FakeUpgrades upgrades, String... devices) {
        UpgradeCommand c = command(UpgradeCommand.class, upgrades);
        set(c, "firmware", "2.0.0");
        return set(c, "devices", List.of(devices));
    }

    @Test
    void anUnknownJobOrCampaignIsNamedByTheShellWithWhereToLook() {
        // the services say "no job 'nosuch'" and "no campaign 'c-1'": the shell words its own line from the reason
        assertEquals("no job nosuch: see uplift:jobs",
                run(set(command(RetryCommand.class, new FakeUpgrades()), "id", "nosuch")).failure().getMessage());
        FakeCampaigns campaigns = new FakeCampaigns();
        for (Class<? extends UpliftAction> type : List.of(CampaignPauseCommand.class, CampaignResumeCommand.class,
                CampaignCancelCommand.class)) {
            assertEquals("no campaign c-1: see uplift:campaign-list",
                    run(set(command(type, campaigns), "id", "c-1")).failure().getMessage(), type.getSimpleName());
        }
    }

    @Test
    void anyOtherRefusalOfADecisionIsTheServicesOwnLine() {
        Run run = run(set(command(AbortCommand.class, new Refusing(Reason.NOT_WAITING)), "id", "job00001"));
        assertEquals("job job00001 is RUNNING, not waiting for a decision", run.failure().getMessage());
    }

    @Test
    void whenUpliftIsUnavailable_thenTheRestOfTheDevicesAreNotTried_andTheOperatorIsToldToTryAgain() {
        Refusing upgrades = new Refusing(Reason.UNAVAILABLE);
        Run run = run(upgrade(upgrades, "iad-1", "iad-2", "iad-3"));
        assertEquals(List.of("iad-1"), upgrades.tried, "the store is down for every device");
        assertEquals("3 of 3 upgrades not started: refused iad-1; the other 2 not tried", run.failure().getMessage());

        assertEquals("refused iad-1; try again (details in the Karaf log: log:display)",
                run(upgrade(new Refusing(Reason.UNAVAILABLE), "iad-1")).failure().getMessage());
    }

    @Test
    void aRequestRefusedAsMalformedIsNotRepeatedForEachDevice() {
        Refusing upgrades = new Refusing(Reason.INVALID_REQUEST);
        run(upgrade(upgrades, "iad-1", "iad-2"));
        assertEquals(List.of("iad-1"), upgrades.tried);
    }

    @Test
    void aRefusalOfOneDeviceDoesNotStopTheOthers() {
        for (Reason perDevice : List.of(Reason.UNKNOWN_DEVICE, Reason.UNKNOWN_FIRMWARE, Reason.BUSY,
                Reason.REFUSED_BY_PREFLIGHT, Reason.DEVICE_UNREACHABLE)) {
            Refusing upgrades = new Refusing(perDevice);
            Run run = run(upgrade(upgrades, "iad-1", "iad-2"));
            assertEquals(List.of("iad-1", "iad-2"), upgrades.tried, perDevice.name());
            assertTrue(
                    run.failure().getMessage().startsWith("2 of 2 upgrades not started: refused iad-1; refused iad-2"),
                    run.failure().getMessage());
        }
    }
}
