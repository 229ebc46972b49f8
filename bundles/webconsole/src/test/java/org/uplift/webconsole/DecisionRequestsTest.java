package org.uplift.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.uplift.api.workflow.Decider;
import org.uplift.api.workflow.JobState;

class DecisionRequestsTest {

    private final FakeUpgrades upgrades = new FakeUpgrades()
            .add(FakeUpgrades.job("wait1", "iad-1", JobState.AWAITING_DECISION, "UPDATE failed: transferFailed"))
            .add(FakeUpgrades.job("run1", "iad-2", JobState.BACKUP, "BACKUP: started"))
            .add(FakeUpgrades.job("done1", "iad-3", JobState.DONE, "configuration restored and verified"));
    private final RequestTokens tokens = new RequestTokens();
    private final DecisionRequests decisions = new DecisionRequests(upgrades, tokens);
    private final String token = tokens.tokenFor("karaf");

    @Test
    void givenTheTokenOfThePage_whenRetryIsPosted_thenTheJobIsRetried() {
        DecisionRequests.Outcome out = decisions.handle("retry", "wait1", token, "karaf");
        assertEquals(200, out.status(), out.message());
        assertEquals("Job wait1 (device iad-1): retry accepted, now ROLLBACK.", out.message());
        assertEquals(List.of("wait1 RETRY"), upgrades.decisions);
        assertEquals(List.of(new Decider("karaf", "web console")), upgrades.deciders,
                "issue 14 item 8: the page user is who decided");
    }

    @Test
    void givenTheTokenOfThePage_whenAbortIsPosted_thenTheJobIsAborted() {
        DecisionRequests.Outcome out = decisions.handle("ABORT", "wait1", token, "karaf");
        assertEquals(200, out.status(), out.message());
        assertEquals(List.of("wait1 ABORT"), upgrades.decisions);
    }

    @Test
    void givenNoToken_whenPosted_thenRefusedAndNothingDecided() {
        DecisionRequests.Outcome out = decisions.handle("retry", "wait1", null, "karaf");
        assertEquals(403, out.status());
        assertTrue(out.message().contains("X-Uplift-Token"), out.message());
        assertEquals(List.of(), upgrades.decisions);
    }

    @Test
    void givenAnotherUsersOrAnotherInstancesToken_whenPosted_thenRefused() {
        assertEquals(403, decisions.handle("retry", "wait1", tokens.tokenFor("mallory"), "karaf").status());
        assertEquals(403, decisions.handle("retry", "wait1", new RequestTokens().tokenFor("karaf"), "karaf").status());
        assertEquals(403, decisions.handle("retry", "wait1", token + "x", "karaf").status());
        assertEquals(403, decisions.handle("retry", "wait1", "", "karaf").status());
        assertEquals(List.of(), upgrades.decisions);
    }

    @Test
    void givenAnUnknownAction_whenPosted_thenOneLineBadRequest() {
        DecisionRequests.Outcome out = decisions.handle("reboot\nnow", "wait1", token, "karaf");
        assertEquals(400, out.status());
        assertEquals("Unknown action 'reboot now': use retry or abort.", out.message());
        assertEquals(400, decisions.handle(null, "wait1", token, "karaf").status());
        assertEquals(List.of(), upgrades.decisions);
    }

    @Test
    void givenAMalformedJobId_whenPosted_thenBadRequestWithoutAskingTheService() {
        for (String bad : new String[]{null, "", "../x", "a b", "<script>", "x".repeat(65)}) {
            DecisionRequests.Outcome out = decisions.handle("retry", bad, token, "karaf");
            assertEquals(400, out.status(), String.valueOf(bad));
            assertFalse(out.message().contains("\n"));
        }
        assertEquals(List.of(), upgrades.decisions);
    }

    @Test
    void givenTheServiceRefuses_whenPosted_thenConflictWithItsReasonOnOneLine() {
        DecisionRequests.Outcome running = decisions.handle("retry", "run1", token, "karaf");
        assertEquals(409, running.status());
        assertEquals("Job run1: job run1 is not waiting for a decision (BACKUP)", running.message());
        DecisionRequests.Outcome ended = decisions.handle("abort", "done1", token, "karaf");
        assertEquals(409, ended.status());
        assertEquals("Job done1: job done1 has ended (DONE) nothing to decide", ended.message());
        assertEquals(409, decisions.handle("retry", "nosuch", token, "karaf").status());
    }

    @Test
    void givenAConsoleThatNamesNoUser_whenThePagesTokenIsPosted_thenItStillWorks() {
        DecisionRequests.Outcome out = decisions.handle("retry", "wait1", tokens.tokenFor(null), null);
        assertEquals(200, out.status(), out.message());
    }
}
