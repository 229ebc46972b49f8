package org.uplift.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.shell.fakes.Commands.command;
import static org.uplift.shell.fakes.Commands.run;
import static org.uplift.shell.fakes.Commands.set;

import org.junit.jupiter.api.Test;
import org.uplift.api.workflow.JobState;
import org.uplift.shell.fakes.Commands.Run;
import org.uplift.shell.fakes.FakeUpgrades;

/** Issue 14 item 7: uplift:jobs says when it leaves jobs out, and reads the rest page by page. */
class JobsPagingTest {

    private final FakeUpgrades upgrades = new FakeUpgrades();

    JobsPagingTest() {
        for (int i = 1; i <= 150; i++) {
            upgrades.add(String.format("job%05d", i), "iad-" + i, "2.0.0", null);
        }
        upgrades.enter("job00001", JobState.AWAITING_DECISION, "UPDATE failed");
    }

    @Test
    void givenMoreJobsThanAPage_whenListed_thenTheCutIsSaidAndTheNextPageHasTheOldest() {
        Run first = run(command(JobsCommand.class, upgrades));
        assertNull(first.failure());
        assertTrue(first.out().contains("showing 100 of 150 (page 1 of 2); use --page/--limit"), first.out());
        assertTrue(first.out().contains("job00150") && !first.out().contains("job00001"), first.out());

        Run second = run(set(command(JobsCommand.class, upgrades), "page", 2));
        assertTrue(second.out().contains("showing 50 of 150 (page 2 of 2); use --page/--limit"), second.out());
        assertTrue(second.out().contains("job00001"), second.out());
    }

    @Test
    void givenAStateThatFewJobsAreIn_whenListed_thenAllAreShownWithoutANote() {
        Run waiting = run(set(command(JobsCommand.class, upgrades), "state", "AWAITING_DECISION"));
        assertTrue(waiting.out().contains("job00001"), waiting.out());
        assertFalse(waiting.out().contains("showing"), waiting.out());
    }

    @Test
    void givenALimitOutOfRange_thenOneLineNamesTheOption() {
        Run run = run(set(command(JobsCommand.class, upgrades), "limit", 5000));
        assertEquals("--limit: 5000 is not between 1 and 1000", run.failure().getMessage());
    }
}
