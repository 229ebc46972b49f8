package org.uplift.rest;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.event.Event;
import org.uplift.api.workflow.CampaignService;
import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.rest.json.JsonWriter;

/**
 * One server-sent event of {@code /uplift/events}: a name ({@code job}, {@code decision}, {@code campaign},
 * {@code progress}, {@code subscribed}) and JSON data, or a bare comment that keeps the connection alive.
 *
 * @param id    increasing per feed, so a client can tell gaps; 0 for comments
 * @param name  the event name, or {@code null} for a comment
 * @param data  the JSON data, or the comment text
 * @param jobId the job it is about, or {@code null} (campaigns, comments)
 */
record FeedEvent(long id, String name, String data, String jobId) {

    static final String JOB = "job";
    static final String DECISION = "decision";
    static final String CAMPAIGN = "campaign";
    static final String PROGRESS = "progress";
    static final String SUBSCRIBED = "subscribed";

    boolean comment() {
        return name == null;
    }

    static FeedEvent comment(String text) {
        return new FeedEvent(0, null, text, null);
    }

    /**
     * The feed's form of an Event Admin event of Uplift's: only the documented properties are copied, so
     * nothing else a publisher might add reaches a client.
     */
    static Optional<FeedEvent> of(Event event, long id) {
        String topic = event.getTopic();
        if (UpgradeService.TOPIC_JOB_STATE.equals(topic) || UpgradeService.TOPIC_DECISION_NEEDED.equals(topic)) {
            boolean decision = UpgradeService.TOPIC_DECISION_NEEDED.equals(topic);
            String job = text(event, "job.id");
            Map<String, Object> data = Views.object("job", job, "device", text(event, "device.id"),
                    "state", text(event, "state"), "message", text(event, "message"), "at", time(event));
            if (decision) {
                data.put("failedStep", text(event, "failed.step"));
            }
            return Optional.of(new FeedEvent(id, decision ? DECISION : JOB, JsonWriter.write(data), job));
        }
        if (CampaignService.TOPIC_CAMPAIGN_STATE.equals(topic)) {
            Object wave = event.getProperty("wave");
            Map<String, Object> data = Views.object("campaign", text(event, "campaign.id"), "state", text(event, "state"),
                    "wave", wave instanceof Number n ? n : null, "message", text(event, "message"), "at", time(event));
            return Optional.of(new FeedEvent(id, CAMPAIGN, JsonWriter.write(data), null));
        }
        return Optional.empty();
    }

    static FeedEvent progress(JobProgress progress, long id) {
        return new FeedEvent(id, PROGRESS, JsonWriter.write(Views.progress(progress)), progress.jobId());
    }

    private static String text(Event event, String property) {
        Object value = event.getProperty(property);
        return value == null ? null : value.toString();
    }

    private static Instant time(Event event) {
        return event.getProperty("timestamp") instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null;
    }
}
