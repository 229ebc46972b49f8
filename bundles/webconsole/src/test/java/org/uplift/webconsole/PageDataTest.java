package org.uplift.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.uplift.api.dto.JobSummaryDto;
import org.uplift.api.workflow.JobState;

/** The JSON the page polls: the same fields as the tables, with device text inert. */
class PageDataTest {

    @Test
    void givenAWaitingJobWithMarkupInItsMessage_whenSnapshotIsWritten_thenJsonCarriesItEscaped() {
        FakeUpgrades upgrades = new FakeUpgrades()
                .add(FakeUpgrades.job("j1", "iad-1", JobState.AWAITING_DECISION,
                        "UPDATE failed: <img src=x onerror=alert(1)>"));
        String json = PageJson.write(PageData.of(new SnapshotReader(upgrades, new FakeCampaigns()).read("j1")));
        assertFalse(json.contains("<"), json);
        assertTrue(json.startsWith("{\"jobs\":[{\"id\":\"j1\",\"device\":\"iad-1\",\"firmware\":\"IAD-1000-2.0.0\","
                + "\"state\":\"AWAITING_DECISION\",\"progress\":\"waiting for a decision\",\"campaign\":\"\","
                + "\"message\":\"UPDATE failed: \\u003cimg src=x onerror=alert(1)\\u003e\",\"created\":\"2025-03-01 10:00:00 UTC\","
                + "\"awaitingDecision\":true}],\"jobsTotal\":1,\"campaigns\":[],"), json);
        assertTrue(json.contains("\"selected\":{\"id\":\"j1\",\"device\":\"iad-1\",\"firmware\":\"IAD-1000-2.0.0\","
                + "\"state\":\"AWAITING_DECISION\",\"history\":[{\"state\":\"PENDING\",\"at\":\"2025-03-01 10:00:00 UTC\","
                + "\"message\":\"accepted\"},{\"state\":\"AWAITING_DECISION\""), json);
        assertTrue(json.endsWith("\"selectedError\":null,\"error\":null}"), json);
    }

    @Test
    void givenEveryJobColumnOfThePage_whenAJobIsViewed_thenTheJsonHasThatField() {
        var view = PageJson.fields(PageData.JobLine
                .of(new JobRow(JobSummaryDto.of(FakeUpgrades.job("j1", "iad-1", JobState.DONE, "ok")), "done")));
        for (PageRenderer.Column c : PageRenderer.JOB_COLUMNS) {
            assertTrue(c.field().equals("actions") || view.containsKey(c.field()), c.field());
        }
        assertEquals(false, view.get("awaitingDecision"));
    }
}
