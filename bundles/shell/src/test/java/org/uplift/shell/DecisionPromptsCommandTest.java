package org.uplift.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.uplift.shell.fakes.Commands.command;
import static org.uplift.shell.fakes.Commands.run;
import static org.uplift.shell.fakes.Commands.set;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.DecisionRecord;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.shell.fakes.Commands.Run;
import org.uplift.shell.fakes.FakeUpgrades;

/** Issue 14 item 8: the shell names the prompt it answers and who answers; uplift:job shows both from the job's fields. */
class DecisionPromptsCommandTest {

    private final FakeUpgrades upgrades = new FakeUpgrades();

    @Test
    void givenAPrompt_whenRetriedAndAborted_thenTheServiceIsToldThePromptAndTheShellAsWhere() {
        upgrades.add("job00001", "iad-1", "2.0.0", null);
        Run retry = run(set(set(command(RetryCommand.class, upgrades), "id", "job00001"), "prompt", 2));
        assertNull(retry.failure());
        Run abort = run(set(command(AbortCommand.class, upgrades), "id", "job00001"));
        assertNull(abort.failure());
        assertEquals(
                List.of("job00001 RETRY prompt 2 by an operator (shell)",
                        "job00001 ABORT prompt 0 by an operator (shell)"),
                upgrades.decisions);
        assertEquals("--prompt: 0 is not a prompt number (1 or more, see uplift:job job00001)",
                run(set(set(command(RetryCommand.class, upgrades), "id", "job00001"), "prompt", 0)).failure()
                        .getMessage());
    }

    @Test
    void givenAJobWaitingAfterAnAnsweredPrompt_thenJobShowsTheOpenPromptAndWhoAnsweredTheLast() {
        Job j = upgrades.add("job00001", "iad-1", "2.0.0", null);
        Instant at = Instant.parse("2024-05-01T10:05:00Z");
        Job waiting = new Job(j.id(), j.deviceId(), j.firmwareId(), j.targetVersion(), JobState.AWAITING_DECISION,
                j.createdAt(), j.history(), null, j.plan(), 2,
                new DecisionRecord(1, Decision.RETRY, "alice\u001b[2J", "rest 10.0.0.5", at));
        assertEquals(
                List.of("Waiting on prompt 2: uplift:retry --prompt 2 job00001 or uplift:abort --prompt 2 job00001",
                        "Prompt 1 decided RETRY by alice\\u001B[2J (rest 10.0.0.5) at 2024-05-01T10:05:00Z"),
                JobCommand.decisionLines(waiting));
    }
}
