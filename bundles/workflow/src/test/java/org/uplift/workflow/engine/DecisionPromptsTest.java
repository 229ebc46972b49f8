package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.api.workflow.JobState.AWAITING_DECISION;
import static org.uplift.api.workflow.JobState.DONE;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.workflow.Decider;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.DecisionRecord;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.UpgradeException;

/** Issue 14 item 8: two operators answering one prompt: the first wins, the second is told who did and when. */
@Timeout(90)
class DecisionPromptsTest extends HarnessTest {

    private static final Duration WAIT = Duration.ofSeconds(45);

    @Test
    void givenTwoAnswersToOnePrompt_thenTheSecondIsRefusedNamingTheFirstAndTheFirstIsStored() throws Exception {
        oneIad("1=backup-fail");
        String id = h.engine.start("iad-1", "2.0.0").id();
        Job waiting = h.await(id, WAIT, AWAITING_DECISION, DONE);
        assertEquals(1, waiting.prompt(), "the first time the job waits");
        h.sim(1).clearFaults();

        Job retried = h.engine.decide(id, 1, Decision.RETRY, new Decider("alice", "shell"));
        UpgradeException second = assertThrows(UpgradeException.class,
                () -> h.engine.decide(id, 1, Decision.ABORT, new Decider("bob", "rest 10.0.0.5")));

        DecisionRecord first = retried.lastDecision();
        assertEquals(new DecisionRecord(1, Decision.RETRY, "alice", "shell", first.at()), first);
        assertEquals("job " + id + ": prompt 1 already decided by alice (shell) at " + first.at() + ": RETRY",
                second.getMessage());
        Job done = h.await(id, WAIT, DONE, AWAITING_DECISION);
        assertEquals(DONE, done.state(), done.history().toString());
        assertEquals(first, done.lastDecision(), "kept in the job's own fields");
        assertTrue(assertThrows(UpgradeException.class, () -> h.engine.decide(id, 2, Decision.RETRY, Decider.UNKNOWN))
                .getMessage().startsWith("job " + id + ": prompt 2 is not open; the job is DONE"));
    }
}
