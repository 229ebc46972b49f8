package org.uplift.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.uplift.api.workflow.CampaignService;
import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.UpgradeService;

class EventFeedTest {

    private final InMemoryUpgrades upgrades = new InMemoryUpgrades();
    private final AtomicLong now = new AtomicLong(1_000_000);
    private EventFeed feed = feed(64);

    @AfterEach
    void stop() {
        feed.deactivate();
    }

    @Test
    void givenANewSubscriber_whenSubscribed_thenItIsGreetedFirst() {
        Recorder r = subscribe(null);
        assertEquals(List.of("subscribed"), r.names());
        assertEquals(Map.of("job", "j1"), data(subscribe("j1").events.get(0)));
    }

    @Test
    void givenAJobStateEvent_whenPosted_thenSubscribersGetOnlyItsDocumentedProperties() {
        Recorder r = subscribe(null);
        Map<String, Object> props = new HashMap<>(jobProps("j1", "iad-1", "BACKUP"));
        props.put("community", "s3cret"); // whatever else a publisher adds does not reach a client
        feed.handleEvent(new Event(UpgradeService.TOPIC_JOB_STATE, props));
        FeedEvent e = r.events.get(1);
        assertEquals("job", e.name());
        assertEquals("j1", e.jobId());
        assertEquals(Map.of("job", "j1", "device", "iad-1", "state", "BACKUP", "message", "now BACKUP",
                "at", "1970-01-01T00:00:01Z"), data(e));
        assertFalse(e.data().contains("s3cret"));
    }

    @Test
    void givenDecisionAndCampaignEvents_whenPosted_thenTheyAreNamedForWhatTheyAre() {
        Recorder r = subscribe(null);
        Map<String, Object> decision = new HashMap<>(jobProps("j1", "iad-1", "AWAITING_DECISION"));
        decision.put("failed.step", "UPDATE");
        feed.handleEvent(new Event(UpgradeService.TOPIC_DECISION_NEEDED, decision));
        feed.handleEvent(new Event(CampaignService.TOPIC_CAMPAIGN_STATE, Map.of("campaign.id", "c1", "state", "PAUSED",
                "wave", 2, "message", "paused: wave 2", "timestamp", 2000L)));
        feed.handleEvent(new Event("org/uplift/other/THING", Map.of("x", 1)));
        assertEquals(List.of("subscribed", "decision", "campaign"), r.names());
        assertEquals("UPDATE", data(r.events.get(1)).get("failedStep"));
        assertEquals(Map.of("campaign", "c1", "state", "PAUSED", "wave", new BigDecimal(2), "message", "paused: wave 2",
                "at", "1970-01-01T00:00:02Z"), data(r.events.get(2)));
    }

    @Test
    void givenASubscriberFollowingOneJob_whenOtherJobsMove_thenItGetsOnlyItsJob() {
        Recorder one = subscribe("j2");
        feed.handleEvent(new Event(UpgradeService.TOPIC_JOB_STATE, jobProps("j1", "iad-1", "BACKUP")));
        feed.handleEvent(new Event(UpgradeService.TOPIC_JOB_STATE, jobProps("j2", "iad-2", "BACKUP")));
        feed.handleEvent(
                new Event(CampaignService.TOPIC_CAMPAIGN_STATE, Map.of("campaign.id", "c1", "state", "RUNNING")));
        assertEquals(List.of("subscribed", "job"), one.names());
        assertEquals("j2", one.events.get(1).jobId());
    }

    @Test
    void givenARunningJob_whenTicking_thenProgressIsSentOnlyWhenItChangedAndStopsWhenTheJobEnds() {
        upgrades.put("j1", "iad-1", JobState.UPDATE, null);
        Recorder r = subscribe(null);
        feed.handleEvent(new Event(UpgradeService.TOPIC_JOB_STATE, jobProps("j1", "iad-1", "UPDATE")));
        upgrades.progress.put("j1", new JobProgress("j1", JobState.UPDATE, 512, 4096));
        feed.tick();
        feed.tick();
        upgrades.progress.put("j1", new JobProgress("j1", JobState.UPDATE, 4096, 4096));
        feed.tick();
        assertEquals(List.of("subscribed", "job", "progress", "progress"), r.names());
        assertEquals(Map.of("job", "j1", "state", "UPDATE", "transferring", true, "bytes", new BigDecimal(4096),
                "totalBytes", new BigDecimal(4096)), data(r.events.get(3)));

        feed.handleEvent(new Event(UpgradeService.TOPIC_JOB_STATE, jobProps("j1", "iad-1", "DONE")));
        upgrades.progress.put("j1", new JobProgress("j1", JobState.UPDATE, 9999, 4096));
        feed.tick();
        assertEquals(List.of("subscribed", "job", "progress", "progress", "job"), r.names());
    }

    @Test
    void givenJobsRunningBeforeTheFeedSawThem_whenTheFirstSubscriberListens_thenTheirProgressIsSent() {
        upgrades.put("j1", "iad-1", JobState.RESTORE, null);
        upgrades.put("j2", "iad-2", JobState.AWAITING_DECISION, null);
        upgrades.put("j3", "iad-3", JobState.DONE, null);
        Recorder r = subscribe(null);
        feed.tick();
        assertEquals(List.of("subscribed", "progress"), r.names());
        assertEquals("j1", r.events.get(1).jobId());
    }

    @Test
    void givenNoSubscriber_whenTicking_thenProgressIsNotEvenRead() {
        upgrades.put("j1", "iad-1", JobState.UPDATE, null);
        InMemoryUpgrades counting = new InMemoryUpgrades() {
            @Override
            public Optional<JobProgress> progress(String jobId) {
                throw new AssertionError("progress read with nobody listening");
            }
        };
        feed.deactivate();
        feed = new EventFeed(config(3_600_000, 15, 64), counting, now::get);
        feed.handleEvent(new Event(UpgradeService.TOPIC_JOB_STATE, jobProps("j1", "iad-1", "UPDATE")));
        feed.tick();
    }

    @Test
    void givenAnIdleFeed_whenTheKeepAliveIntervalPasses_thenEveryStreamGetsAComment() {
        Recorder all = subscribe(null);
        Recorder one = subscribe("j9");
        now.addAndGet(14_000);
        feed.tick();
        now.addAndGet(1_000);
        feed.tick();
        assertTrue(all.events.get(1).comment());
        assertEquals(2, all.events.size());
        assertTrue(one.events.get(1).comment());
    }

    @Test
    void givenASubscriberThatWentAway_whenTheNextEventIsDelivered_thenItIsDropped() {
        Recorder r = subscribe(null);
        r.gone = true;
        feed.handleEvent(new Event(UpgradeService.TOPIC_JOB_STATE, jobProps("j1", "iad-1", "BACKUP")));
        assertEquals(0, feed.subscribers());
    }

    @Test
    void givenTheLimitOfStreams_whenOneMoreSubscribes_thenItIsRefused() {
        feed.deactivate();
        feed = feed(1);
        assertTrue(feed.subscribe(new Recorder(null), null));
        assertFalse(feed.subscribe(new Recorder(null), null));
    }

    @Test
    void givenOpenStreams_whenTheFeedGoesAway_thenTheyAreClosed() {
        Recorder r = subscribe(null);
        feed.deactivate();
        assertTrue(r.closed);
        assertEquals(0, feed.subscribers());
    }

    private EventFeed feed(int maxSubscribers) {
        // the feed's own timer is made too slow to interfere: the tests tick by hand
        return new EventFeed(config(3_600_000, 15, maxSubscribers), upgrades, now::get);
    }

    private Recorder subscribe(String job) {
        Recorder r = new Recorder(job);
        assertTrue(feed.subscribe(r, job));
        return r;
    }

    private static Map<String, Object> jobProps(String job, String device, String state) {
        return Map.of("job.id", job, "device.id", device, "state", state, "message", "now " + state, "timestamp",
                1000L);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(FeedEvent e) {
        return (Map<String, Object>) Http.parse(e.data());
    }

    /** A subscriber that keeps what it is sent. */
    static final class Recorder implements Subscriber {
        final List<FeedEvent> events = new ArrayList<>();
        final String job;
        boolean gone;
        boolean closed;

        Recorder(String job) {
            this.job = job;
        }

        List<String> names() {
            return events.stream().map(e -> e.comment() ? ":" + e.data() : e.name()).toList();
        }

        @Override
        public boolean accepts(FeedEvent event) {
            return job == null || event.comment() || job.equals(event.jobId());
        }

        @Override
        public boolean deliver(FeedEvent event) {
            if (gone) {
                return false;
            }
            events.add(event);
            return true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    static EventFeed.Config config(int progressMillis, int keepAliveSeconds, int maxSubscribers) {
        return new EventFeed.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return EventFeed.Config.class;
            }

            @Override
            public int progressMillis() {
                return progressMillis;
            }

            @Override
            public int keepAliveSeconds() {
                return keepAliveSeconds;
            }

            @Override
            public int maxSubscribers() {
                return maxSubscribers;
            }
        };
    }
}
