package org.uplift.webconsole;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.uplift.api.dto.CampaignDto;
import org.uplift.api.dto.StepDto;

/**
 * The page as an HTML fragment: the console wraps it in its own header and navigation. Every value goes through
 * {@link Html#escape}. The tables' header cells name the JSON field of each column ({@code data-field}), so the
 * script that redraws the tables every two seconds needs no column list of its own.
 */
final class PageRenderer {

    record Column(String title, String field) {
    }

    static final List<Column> JOB_COLUMNS = List.of(new Column("Job", "id"), new Column("Device", "device"),
            new Column("Firmware", "firmware"), new Column("State", "state"), new Column("Progress", "progress"),
            new Column("Campaign", "campaign"), new Column("Last message", "message"), new Column("Started", "created"),
            new Column("Decision", "actions"));
    static final List<Column> CAMPAIGN_COLUMNS = List.of(new Column("Campaign", "id"), new Column("Target", "target"),
            new Column("Devices chosen", "devicesChosen"), new Column("State", "state"), new Column("Wave", "wave"),
            new Column("Devices", "devices"), new Column("Done", "done"), new Column("Failed", "failed"),
            new Column("Waiting", "waiting"), new Column("Running", "running"), new Column("Not started", "notStarted"),
            new Column("Message", "message"), new Column("Started", "created"));
    static final List<Column> HISTORY_COLUMNS = List.of(new Column("State", "state"), new Column("At", "at"),
            new Column("Message", "message"));

    private final String css;
    private final String script;

    /** {@code css} and {@code script} are the bundle's own static files, written into the page as they are. */
    PageRenderer(String css, String script) {
        this.css = css;
        this.script = script;
    }

    /**
     * @param root  the page's own path (e.g. {@code /system/console/uplift}); data and decisions go there
     * @param token the request token a decision must carry
     */
    String render(ConsoleSnapshot s, String root, String token) {
        StringBuilder h = new StringBuilder(8192);
        h.append("<style>").append(css).append("</style>\n");
        h.append("<div id=\"uplift\" data-root=\"").append(Html.escape(root)).append("\" data-token=\"")
                .append(Html.escape(token)).append("\" data-job=\"").append(Html.escape(s.selectedId()))
                .append("\">\n");
        h.append("<p id=\"uplift-error\" class=\"uplift-error\"").append(s.error() == null ? " hidden>" : ">")
                .append(Html.escape(s.error())).append("</p>\n");
        h.append("<p id=\"uplift-status\" class=\"uplift-status\" role=\"status\"></p>\n");

        h.append("<h2>Jobs</h2>\n<p id=\"uplift-jobs-note\" class=\"uplift-note\">")
                .append(Html.escape(jobsNote(s.jobs().size(), s.totalJobs()))).append("</p>\n");
        table(h, "uplift-jobs", JOB_COLUMNS);
        for (JobRow row : s.jobs()) {
            jobRow(h, row, root, row.job().id().equals(s.selectedId()));
        }
        h.append("</tbody></table>\n");

        h.append("<h2>Campaigns</h2>\n<p id=\"uplift-campaigns-note\" class=\"uplift-note\">")
                .append(s.campaigns().isEmpty() ? "No campaigns." : "Newest first.").append("</p>\n");
        table(h, "uplift-campaigns", CAMPAIGN_COLUMNS);
        for (CampaignDto c : s.campaigns()) {
            row(h, PageJson.fields(PageData.CampaignLine.of(c)), CAMPAIGN_COLUMNS);
        }
        h.append("</tbody></table>\n");

        h.append("<h2 id=\"uplift-history-title\">").append(Html.escape(historyTitle(s))).append("</h2>\n");
        h.append("<p id=\"uplift-history-note\" class=\"uplift-note\">").append(Html.escape(historyNote(s)))
                .append("</p>\n");
        table(h, "uplift-history", HISTORY_COLUMNS);
        if (s.selected() != null) {
            for (StepDto step : s.selected().history()) {
                row(h, PageJson.fields(PageData.StepLine.of(step)), HISTORY_COLUMNS);
            }
        }
        h.append("</tbody></table>\n</div>\n");
        h.append("<script>").append(script).append("</script>\n");
        return h.toString();
    }

    static String jobsNote(int shown, int total) {
        if (total == 0) {
            return "No jobs.";
        }
        return shown < total ? "The newest " + shown + " of " + total + " jobs; click one for its step history."
                : total + (total == 1 ? " job" : " jobs") + ", newest first; click one for its step history.";
    }

    static String historyTitle(ConsoleSnapshot s) {
        if (s.selected() == null) {
            return "Step history";
        }
        return "Step history of job " + s.selected().id() + " (device " + s.selected().device() + " to "
                + s.selected().firmware() + ", " + s.selected().state() + ")";
    }

    private static String historyNote(ConsoleSnapshot s) {
        if (s.selectedError() != null) {
            return s.selectedError();
        }
        return s.selected() == null ? "Click a job to see its step history." : "Oldest first.";
    }

    private static void table(StringBuilder h, String id, List<Column> columns) {
        h.append("<table id=\"").append(id).append("\" class=\"nicetable uplift-table\"><thead><tr>");
        for (Column c : columns) {
            h.append("<th data-field=\"").append(c.field()).append("\">").append(Html.escape(c.title()))
                    .append("</th>");
        }
        h.append("</tr></thead><tbody>\n");
    }

    private static void jobRow(StringBuilder h, JobRow row, String root, boolean selected) {
        Map<String, Object> v = PageJson.fields(PageData.JobLine.of(row));
        String id = row.job().id();
        h.append("<tr class=\"uplift-job").append(selected ? " uplift-selected" : "").append("\" data-job=\"")
                .append(Html.escape(id)).append("\">");
        for (Column c : JOB_COLUMNS) {
            h.append("<td class=\"uplift-").append(c.field()).append("\">");
            switch (c.field()) {
                case "id" -> h.append("<a href=\"")
                        .append(Html.escape(root + "?job=" + URLEncoder.encode(id, StandardCharsets.UTF_8)))
                        .append("\">").append(Html.escape(id)).append("</a>");
                case "actions" -> {
                    if (row.awaitingDecision()) {
                        button(h, "retry", "Retry", id);
                        h.append(' ');
                        button(h, "abort", "Abort", id);
                    }
                }
                default -> h.append(Html.escape(v.get(c.field())));
            }
            h.append("</td>");
        }
        h.append("</tr>\n");
    }

    private static void button(StringBuilder h, String action, String label, String jobId) {
        h.append("<button type=\"button\" class=\"uplift-decide\" data-action=\"").append(action)
                .append("\" data-job=\"").append(Html.escape(jobId)).append("\">").append(label).append("</button>");
    }

    private static void row(StringBuilder h, Map<String, Object> values, List<Column> columns) {
        h.append("<tr>");
        for (Column c : columns) {
            h.append("<td class=\"uplift-").append(c.field()).append("\">").append(Html.escape(values.get(c.field())))
                    .append("</td>");
        }
        h.append("</tr>\n");
    }
}
