package org.uplift.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.rest.Http.job;
import static org.uplift.rest.Http.json;
import static org.uplift.rest.Http.list;
import static org.uplift.rest.Http.refused;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.UpgradeException;

class JobsResourceTest {

    private final InMemoryUpgrades upgrades = new InMemoryUpgrades();
    private final JobsResource resource = new JobsResource(upgrades);

    @BeforeEach
    void inventory() {
        upgrades.devices.addAll(List.of("iad-1", "iad-2"));
        upgrades.versions.add("2.0.0");
    }

    @Test
    void givenAValidRequest_whenPosted_thenTheJobIsStartedAnd201NamesItsLocation() {
        Response response = resource
                .start(job("{\"device\": \"iad-1\", \"firmware\": \"2.0.0\", \"policy\": \"retry:2\"}"));
        Map<String, Object> job = json(response, 201);
        assertEquals("jobs/" + job.get("id"), response.getLocation().toString());
        assertEquals("iad-1", job.get("device"));
        assertEquals("PENDING", job.get("state"));
        assertEquals(false, job.get("ended"));
        assertEquals(2, list(job, "history").size());
        assertEquals("PENDING", ((Map<?, ?>) job.get("progress")).get("state"));
        assertEquals(new RetryPolicy(2, false), upgrades.started.get(0).policy());
    }

    @Test
    void givenNoPolicy_whenPosted_thenTheJobAsksTheOperator() {
        resource.start(job("{\"device\": \"iad-1\", \"firmware\": \"2.0.0\"}"));
        assertEquals(RetryPolicy.ASK, upgrades.started.get(0).policy());
    }

    @Test
    void givenBadBodies_whenPosted_thenEachIsRefusedWith400AndOneClearLine() {
        assertBad("{\"device\": \"iad-1\", ", "not valid JSON at character 21");
        assertBad("", "the request needs a JSON object with device, firmware, policy");
        assertBad("[\"iad-1\"]", "the request must be a JSON object, not an array");
        assertBad("{\"device\": \"iad-1\"}", "field \"firmware\" is required");
        assertBad("{\"device\": \"iad-1\", \"firmware\": \"  \"}", "field \"firmware\" is required");
        assertBad("{\"device\": 7, \"firmware\": \"2.0.0\"}", "field \"device\" must be a string, not a number");
        assertBad("{\"device\": \"iad-1\", \"firmwre\": \"2.0.0\"}",
                "unknown field \"firmwre\"; expected device, firmware, policy");
        assertBad("{\"device\": \"iad-1\", \"firmware\": \"2.0.0\", \"policy\": \"sometimes\"}",
                "policy must be ask, abort, retry:N, retry:N:ask or retry:N:abort, got 'sometimes'");
        assertBad("{\"device\": \"iad-9\", \"firmware\": \"2.0.0\"}", "no device 'iad-9' in the inventory");
        assertBad("{\"device\": \"iad-1\", \"firmware\": \"9.9.9\"}", "no firmware version '9.9.9' in the catalogue");
        assertTrue(upgrades.started.isEmpty(), "nothing was started");
    }

    @Test
    void givenABodyThatIsNotUtf8OrTooLarge_whenPosted_thenItIsRefusedWith400() {
        ApiException notUtf8 = refused(400, () -> resource.start(
                JsonBodyReader.read(new ByteArrayInputStream(new byte[]{'{', (byte) 0xff, '}'}), JobStart.class)));
        assertEquals("the request body is not UTF-8", notUtf8.getMessage());
        String huge = "{\"device\": \"" + "x".repeat(JsonMapping.MAX_BYTES) + "\"}";
        ApiException tooLarge = refused(400, () -> resource.start(job(huge)));
        assertEquals("the request body is larger than 65536 bytes", tooLarge.getMessage());
    }

    @Test
    void givenADeviceWithAnUnfinishedJob_whenAnotherIsPosted_then409NamesTheJob() {
        upgrades.put("j1", "iad-1", JobState.AWAITING_DECISION, null);
        ApiException e = refused(409, () -> resource.start(job("{\"device\": \"iad-1\", \"firmware\": \"2.0.0\"}")));
        assertEquals("device iad-1 already has job j1 (AWAITING_DECISION)", e.getMessage());
    }

    @Test
    void givenTheEngineRefusesTheStart_whenPosted_then409CarriesItsReason() {
        upgrades.refuseStartWith = "device iad-1 already runs 2.0.0";
        ApiException e = refused(409, () -> resource.start(job("{\"device\": \"iad-1\", \"firmware\": \"2.0.0\"}")));
        assertEquals("device iad-1 already runs 2.0.0", e.getMessage());
    }

    /** Issue 15 item 4: the engine decides and names its reason; REST maps the reason, not the text. */
    @Test
    void givenTheEngineUnavailableOrTheDeviceSilent_whenPosted_thenEachReasonHasItsStatus() {
        upgrades.refuseStartWith = "the job store cannot be reached; try again";
        upgrades.refuseStartReason = UpgradeException.Reason.UNAVAILABLE;
        assertEquals("the job store cannot be reached; try again",
                refused(503, () -> resource.start(job("{\"device\": \"iad-1\", \"firmware\": \"2.0.0\"}")))
                        .getMessage());
        upgrades.refuseStartWith = "cannot read device iad-1 before upgrading it: timeout";
        upgrades.refuseStartReason = UpgradeException.Reason.DEVICE_UNREACHABLE;
        refused(409, () -> resource.start(job("{\"device\": \"iad-1\", \"firmware\": \"2.0.0\"}")));
        upgrades.refuseStartWith = "device iad-1 not touched: none of its drivers can download over ftp";
        upgrades.refuseStartReason = UpgradeException.Reason.REFUSED_BY_PREFLIGHT;
        refused(409, () -> resource.start(job("{\"device\": \"iad-1\", \"firmware\": \"2.0.0\"}")));
        assertTrue(upgrades.started.isEmpty());
    }

    @Test
    void givenJobsInSeveralStates_whenListedWithFilters_thenOnlyTheMatchingAreReturnedNewestFirst() {
        upgrades.put("j1", "iad-1", JobState.DONE, null);
        upgrades.put("j2", "iad-2", JobState.AWAITING_DECISION, "c1");
        upgrades.put("j3", "iad-1", JobState.AWAITING_DECISION, null);
        assertEquals(List.of("j3", "j2", "j1"), ids(resource.list(null, null, null, null, null, null)));
        assertEquals(List.of("j3", "j2"), ids(resource.list("awaiting_decision", null, null, null, null, null)));
        assertEquals(List.of("j3"), ids(resource.list("AWAITING_DECISION", "iad-1", null, null, null, null)));
        assertEquals(List.of("j2"), ids(resource.list(null, null, "c1", null, null, null)));
        ApiException e = refused(400, () -> resource.list("SLEEPING", null, null, null, null, null));
        assertTrue(
                e.getMessage().startsWith("state must be one of PENDING, BACKUP,")
                        && e.getMessage().endsWith("got 'SLEEPING'"),
                e.getMessage());
    }

    /** Issue 14 item 7: a list says how many jobs match in all and where the next page starts. */
    @Test
    void givenMoreJobsThanAPage_whenListed_thenTheTotalAndTheNextOffsetAreGiven() {
        for (int i = 1; i <= 150; i++) {
            upgrades.put(String.format("j%03d", i), "iad-" + i, i == 1 ? JobState.AWAITING_DECISION : JobState.DONE,
                    null);
        }
        Map<String, Object> first = json(resource.list(null, null, null, null, null, null), 200);
        assertEquals(100, list(first, "jobs").size());
        assertEquals(new BigDecimal(150), first.get("total"));
        assertEquals(new BigDecimal(100), first.get("nextOffset"));

        Map<String, Object> last = json(resource.list(null, null, null, null, 100, 100), 200);
        assertEquals("j001", list(last, "jobs").get(49).get("id"), "the oldest is on the last page");
        assertFalse(last.containsKey("nextOffset"));
        assertEquals(List.of("j001"), ids(resource.list("AWAITING_DECISION", null, null, null, null, null)));
        assertEquals(List.of("j150", "j149"), ids(resource.list(null, null, null, "2026-01-01T00:02:29Z", null, null)));

        assertEquals("limit 0 is not between 1 and 1000",
                refused(400, () -> resource.list(null, null, null, null, 0, null)).getMessage());
        assertTrue(refused(400, () -> resource.list(null, null, null, "yesterday", null, null)).getMessage()
                .startsWith("since must be an ISO-8601 instant"));
    }

    /** Issue 14 item 8: the answer names its prompt and the principal; a second answer to it is a 409 naming the first. */
    @Test
    void givenAPromptAnsweredByOnePrincipal_whenAnsweredAgain_thenConflictAndTheJobShowsWhoDecided() {
        upgrades.put("j1", "iad-1", JobState.AWAITING_DECISION, null);
        SecurityContext alice = principal("alice");

        Map<String, Object> job = json(resource.retry("j1", 1, alice), 200);
        assertEquals(Map.of("prompt", new BigDecimal(1), "decision", "RETRY", "by", "alice", "from", "rest",
                "at", InMemoryUpgrades.DECIDED_AT.toString()), job.get("lastDecision"));
        assertEquals("job j1: prompt 1 already decided by alice",
                refused(409, () -> resource.abort("j1", 1, principal("bob"))).getMessage());
        assertEquals("prompt must be a job's prompt number, 1 or more; got 0",
                refused(400, () -> resource.abort("j1", 0, alice)).getMessage());
        assertEquals("alice", ((Map<?, ?>) json(resource.show("j1"), 200).get("lastDecision")).get("by"));
    }

    private static SecurityContext principal(String name) {
        return new SecurityContext() {
            @Override
            public Principal getUserPrincipal() {
                return () -> name;
            }

            @Override
            public boolean isUserInRole(String role) {
                return false;
            }

            @Override
            public boolean isSecure() {
                return false;
            }

            @Override
            public String getAuthenticationScheme() {
                return BASIC_AUTH;
            }
        };
    }

    @Test
    void givenARunningJob_whenShown_thenItHasItsHistoryAndTheLiveTransferProgress() {
        upgrades.put("j1", "iad-1", JobState.UPDATE, null);
        upgrades.progress.put("j1", new JobProgress("j1", JobState.UPDATE, 4096, 65536));
        Map<String, Object> job = json(resource.show("j1"), 200);
        Map<?, ?> progress = (Map<?, ?>) job.get("progress");
        assertEquals(new BigDecimal(4096), progress.get("bytes"));
        assertEquals(new BigDecimal(65536), progress.get("totalBytes"));
        assertEquals(true, progress.get("transferring"));
        assertEquals(List.of("PENDING", "UPDATE"), list(job, "history").stream().map(h -> h.get("state")).toList());
        assertEquals(List.of(Map.of("step", "BACKUP", "included", false, "how", "provisioned"),
                Map.of("step", "UPDATE", "included", true, "how", "docsis-sw downloads IAD-1000-2.0.0 over http")),
                list(job, "plan"), "the job's plan");
    }

    @Test
    void givenAnEndedJob_whenShown_thenItHasNoProgress() {
        upgrades.put("j1", "iad-1", JobState.DONE, null);
        Map<String, Object> job = json(resource.show("j1"), 200);
        assertNull(job.get("progress"));
        assertEquals(true, job.get("ended"));
    }

    @Test
    void givenAnUnknownJob_whenShownRetriedOrAborted_then404() {
        assertEquals("no job 'nope'; see /uplift/jobs", refused(404, () -> resource.show("nope")).getMessage());
        refused(404, () -> resource.retry("nope", null, null));
        refused(404, () -> resource.abort("nope", null, null));
    }

    @Test
    void givenAJobWaitingForADecision_whenRetried_thenItGoesOn() {
        upgrades.put("j1", "iad-1", JobState.AWAITING_DECISION, null);
        assertEquals("UPDATE", json(resource.retry("j1", null, null), 200).get("state"));
    }

    @Test
    void givenAJobInTheWrongState_whenRetriedOrAborted_then409SaysWhy() {
        upgrades.put("j1", "iad-1", JobState.UPDATE, null);
        upgrades.put("j2", "iad-2", JobState.DONE, null);
        assertEquals("job j1 is UPDATE, not waiting for a decision",
                refused(409, () -> resource.retry("j1", null, null)).getMessage());
        refused(409, () -> resource.abort("j2", null, null));
    }

    @Test
    void givenARunningJob_whenAborted_thenItEnds() {
        upgrades.put("j1", "iad-1", JobState.UPDATE, null);
        assertEquals("ABORTED", json(resource.abort("j1", null, null), 200).get("state"));
    }

    private void assertBad(String body, String expected) {
        ApiException e = refused(400, () -> resource.start(job(body)));
        assertTrue(e.getMessage().contains(expected), body + " -> " + e.getMessage());
    }

    private static List<Object> ids(Response response) {
        return list(json(response, 200), "jobs").stream().map(j -> j.get("id")).toList();
    }
}
