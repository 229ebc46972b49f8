package org.uplift.rest;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.sse.OutboundSseEvent;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;

/** An open {@code text/event-stream} response following the {@link EventFeed}. */
final class SseSubscriber implements Subscriber {

    private final SseEventSink sink;
    private final Sse sse;
    private final String job;
    private volatile boolean gone;

    SseSubscriber(SseEventSink sink, Sse sse, String job) {
        this.sink = sink;
        this.sse = sse;
        this.job = job;
    }

    String job() {
        return job;
    }

    @Override
    public boolean accepts(FeedEvent event) {
        return job == null || event.comment() || job.equals(event.jobId());
    }

    // the feed's Event Admin thread and its timer both deliver; one event at a time on a stream
    @Override
    public synchronized boolean deliver(FeedEvent event) {
        if (gone || sink.isClosed()) {
            return false;
        }
        OutboundSseEvent out = event.comment()
                ? sse.newEventBuilder().comment(event.data()).build()
                : sse.newEventBuilder().id(Long.toString(event.id())).name(event.name())
                        .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, event.data()).build();
        sink.send(out).whenComplete((ignored, failure) -> {
            if (failure != null) {
                gone = true; // the client went away; the next delivery drops this subscriber
            }
        });
        return true;
    }

    @Override
    public void close() {
        gone = true;
        try {
            sink.close();
        } catch (RuntimeException e) {
            // already closed by the client or the runtime
        }
    }
}
