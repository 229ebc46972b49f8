package org.uplift.rest;

import java.time.Instant;
import java.util.Optional;

import org.osgi.service.event.Event;
import org.uplift.api.dto.ProgressDto;
import org.uplift.api.workflow.CampaignService;
import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.UpgradeService;

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
        if (UpgradeService.TOPIC_JOB_STATE.equals(topic)) {
            String job = text(event, "job.id");
            return Optional.of(new FeedEvent(id, JOB, JsonMapping.write(new JobChange(job, text(event, "device.id"),
                    text(event, "state"), text(event, "message"), time(event))), job));
        }
        if (UpgradeService.TOPIC_DECISION_NEEDED.equals(topic)) {
            String job = text(event, "job.id");
            return Optional.of(new FeedEvent(id, DECISION,
                    JsonMapping.write(new DecisionNeeded(job, text(event, "device.id"),
                            text(event, "state"), text(event, "message"), time(event), text(event, "failed.step"))),
                    job));
        }
        if (CampaignService.TOPIC_CAMPAIGN_STATE.equals(topic)) {
            Object wave = event.getProperty("wave");
            return Optional.of(new FeedEvent(id, CAMPAIGN,
                    JsonMapping.write(new CampaignChange(text(event, "campaign.id"),
                            text(event, "state"), wave instanceof Number n ? n : null, text(event, "message"),
                            time(event))),
                    null));
        }
        return Optional.empty();
    }

    static FeedEvent progress(JobProgress progress, long id) {
        return new FeedEvent(id, PROGRESS, JsonMapping.write(ProgressDto.of(progress)), progress.jobId());
    }

    /** The data of {@code subscribed}: the job the stream follows, or {@code null} for all. */
    public record Subscribed(String job) {
    }

    /** The data of {@code job}: a job entered a state. */
    public record JobChange(String job, String device, String state, String message, Instant at) {
    }

    /** The data of {@code decision}: a job waits for retry or abort after {@code failedStep} failed. */
    public record DecisionNeeded(String job, String device, String state, String message, Instant at,
            String failedStep) {
    }

    /** The data of {@code campaign}: a campaign's state or wave changed. */
    public record CampaignChange(String campaign, String state, Number wave, String message, Instant at) {
    }

    private static String text(Event event, String property) {
        Object value = event.getProperty(property);
        return value == null ? null : value.toString();
    }

    private static Instant time(Event event) {
        return event.getProperty("timestamp") instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null;
    }
}
