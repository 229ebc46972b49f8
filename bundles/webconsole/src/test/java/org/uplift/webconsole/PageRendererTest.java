package org.uplift.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.CampaignState;
import org.uplift.api.workflow.DeviceSelection;
import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.WaveProgress;
import org.uplift.api.workflow.WaveSize;

class PageRendererTest {

    private static final String EVIL = "UPDATE failed: <img src=x onerror=\"alert(1)\"> & 'device' said </td></tr><script>x()</script>";
    private static final String ROOT = "/system/console/uplift";

    private final FakeUpgrades upgrades = new FakeUpgrades();
    private final FakeCampaigns campaigns = new FakeCampaigns();
    private final PageRenderer renderer = new PageRenderer("/*css*/", "/*script*/");

    private String render(String selected) {
        return renderer.render(new SnapshotReader(upgrades, campaigns).read(selected), ROOT, "tok\"en");
    }

    @Test
    void givenADeviceMessageWithMarkup_whenRendered_thenItAppearsOnlyEscaped() {
        upgrades.add(FakeUpgrades.job("j1", "iad-<1>", JobState.AWAITING_DECISION, EVIL));
        String html = render("j1");
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("<script>x()"), html);
        assertFalse(html.contains("iad-<1>"), html);
        assertTrue(html
                .contains("UPDATE failed: &lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;device&#39; said "
                        + "&lt;/td&gt;&lt;/tr&gt;&lt;script&gt;x()&lt;/script&gt;"),
                html);
        assertTrue(html.contains("iad-&lt;1&gt;"), html);
        // twice: in the jobs table and in the step history
        assertEquals(2, count(html, "&lt;img src=x"));
        assertTrue(html.contains("data-token=\"tok&quot;en\""), "the token attribute is escaped too:\n" + html);
    }

    @Test
    void givenJobsInSeveralStates_whenRendered_thenRetryAndAbortOnlyOnTheWaitingOne() {
        upgrades.add(FakeUpgrades.job("run1", "iad-1", JobState.UPDATE, "UPDATE: download started"));
        upgrades.add(FakeUpgrades.job("wait1", "iad-2", JobState.AWAITING_DECISION, "UPDATE failed: transferFailed"));
        upgrades.add(FakeUpgrades.job("done1", "iad-3", JobState.DONE, "configuration restored and verified"));
        upgrades.live.put("run1", new JobProgress("run1", JobState.UPDATE, 1_024, 4_096));
        String html = render(null);

        assertEquals(1, count(html, "data-action=\"retry\""), html);
        assertEquals(1, count(html, "data-action=\"abort\""), html);
        String waiting = rowOf(html, "wait1");
        assertTrue(waiting.contains(
                "<button type=\"button\" class=\"uplift-decide\" data-action=\"retry\" data-job=\"wait1\">Retry</button>"),
                waiting);
        assertTrue(waiting.contains("data-action=\"abort\" data-job=\"wait1\">Abort</button>"), waiting);
        assertFalse(rowOf(html, "run1").contains("<button"));
        assertFalse(rowOf(html, "done1").contains("<button"));
        assertTrue(rowOf(html, "run1").contains("step 4 of 8: UPDATE, 1,024 of 4,096 bytes (25%)"),
                rowOf(html, "run1"));
        assertTrue(rowOf(html, "run1").contains("<a href=\"/system/console/uplift?job=run1\">run1</a>"));
        assertTrue(html.contains("3 jobs, newest first"), html);
    }

    @Test
    void givenAJobAskedForByItsId_whenRendered_thenItsWholeHistoryOldestFirstAndTheRowMarked() {
        upgrades.add(FakeUpgrades.job("j1", "iad-1", JobState.AWAITING_DECISION, "UPDATE failed: transferFailed"));
        String html = render("j1");
        assertTrue(html.contains("Step history of job j1 (device iad-1 to IAD-1000-2.0.0, AWAITING_DECISION)"), html);
        String history = html.substring(html.indexOf("id=\"uplift-history\""));
        assertTrue(history.indexOf(">PENDING<") < history.indexOf(">AWAITING_DECISION<"), history);
        assertTrue(history.contains("<td class=\"uplift-at\">2025-03-01 10:00:05 UTC</td>"), history);
        assertTrue(html.contains("class=\"uplift-job uplift-selected\" data-job=\"j1\""), html);
    }

    @Test
    void givenAnUnknownJobAskedFor_whenRendered_thenOneLineSaysSoAndTheIdIsEscaped() {
        String html = render("<b>nope</b>");
        assertTrue(html.contains("There is no job &#39;&lt;b&gt;nope&lt;/b&gt;&#39;."), html);
        assertFalse(html.contains("<b>nope"), html);
    }

    @Test
    void givenTheServicesFail_whenRendered_thenOneVisibleErrorLine() {
        upgrades.failure = new IllegalStateException("database\nunreachable:\n  connection refused");
        String html = render(null);
        Matcher m = Pattern.compile("<p id=\"uplift-error\" class=\"uplift-error\">([^<]*)</p>").matcher(html);
        assertTrue(m.find(), html);
        assertEquals("Uplift could not read its jobs and campaigns: database unreachable: connection refused",
                m.group(1));
    }

    @Test
    void givenNoError_whenRendered_thenTheErrorLineIsHidden() {
        assertTrue(render(null).contains("<p id=\"uplift-error\" class=\"uplift-error\" hidden></p>"));
    }

    @Test
    void givenACampaign_whenRendered_thenItsStateWavesAndCounts() {
        Instant t = Instant.parse("2025-03-01T09:00:00Z");
        CampaignRequest request = new CampaignRequest("2.0.0", DeviceSelection.model("IAD-<1000>"), 5,
                WaveSize.parseAll("1,100%"), 10, null);
        campaigns.campaigns
                .add(new Campaign("c-1", request, CampaignState.PAUSED, "wave 1: 1 of 1 failed > 10%", t, t, 1,
                        List.of(new WaveProgress(1, 1, 0, 1, 0, 0, 0, List.of("iad-1 job j1: transferFailed")),
                                new WaveProgress(2, 3, 0, 0, 0, 0, 3, List.of()))));
        String html = render(null);
        String row = html.substring(html.indexOf("id=\"uplift-campaigns\""));
        row = row.substring(row.indexOf("<tbody>"), row.indexOf("</tbody>"));
        assertTrue(row.contains("<td class=\"uplift-id\">c-1</td><td class=\"uplift-target\">2.0.0</td>"
                + "<td class=\"uplift-devicesChosen\">model IAD-&lt;1000&gt;</td><td class=\"uplift-state\">PAUSED</td>"
                + "<td class=\"uplift-wave\">1 of 2</td><td class=\"uplift-devices\">4</td><td class=\"uplift-done\">0</td>"
                + "<td class=\"uplift-failed\">1</td><td class=\"uplift-waiting\">0</td><td class=\"uplift-running\">0</td>"
                + "<td class=\"uplift-notStarted\">3</td><td class=\"uplift-message\">wave 1: 1 of 1 failed &gt; 10%</td>"),
                row);
    }

    @Test
    void givenThePage_whenRendered_thenEveryColumnNamesItsJsonFieldForTheScript() {
        String html = render(null);
        for (PageRenderer.Column c : PageRenderer.JOB_COLUMNS) {
            assertTrue(html.contains("<th data-field=\"" + c.field() + "\">" + c.title() + "</th>"), c.toString());
        }
        assertTrue(html.contains("<style>/*css*/</style>") && html.contains("<script>/*script*/</script>"));
        assertTrue(html.contains("data-root=\"/system/console/uplift\""));
    }

    private static String rowOf(String html, String jobId) {
        int start = html.indexOf("data-job=\"" + jobId + "\">");
        assertTrue(start >= 0, "no row for " + jobId + ":\n" + html);
        return html.substring(start, html.indexOf("</tr>", start));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
