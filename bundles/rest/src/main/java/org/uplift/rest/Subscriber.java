package org.uplift.rest;

/** Someone following {@link EventFeed}: an open event stream. */
interface Subscriber {

    /** Whether this subscriber wants the event (a stream may follow one job only). */
    boolean accepts(FeedEvent event);

    /**
     * Sends the event without blocking.
     *
     * @return {@code false} once the subscriber is gone (the connection closed); it is then dropped
     */
    boolean deliver(FeedEvent event);

    /** Ends the stream (the feed is going away). */
    void close();
}
