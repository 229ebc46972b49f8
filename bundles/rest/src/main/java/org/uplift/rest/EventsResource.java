package org.uplift.rest;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.sse.Sse;
import javax.ws.rs.sse.SseEventSink;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.uplift.rest.security.Requires;
import org.uplift.rest.security.Role;

/**
 * {@code GET /uplift/events}: server-sent events for a host UI. Events {@code job} (every state change of every
 * job), {@code decision} (a job waits for retry or abort), {@code campaign} (campaign state or wave changes) and
 * {@code progress} (bytes of a running job's transfer, when they changed), each with JSON data; {@code ?job=ID}
 * follows one job. The stream opens with a {@code subscribed} event. A client that cannot keep a stream open polls
 * {@code GET /uplift/jobs/{id}}, whose answer carries the same progress.
 */
@Component(service = EventsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(UpliftApplication.SELECT)
@Path("events")
public class EventsResource {

    private final EventFeed feed;

    @Activate
    public EventsResource(@Reference EventFeed feed) {
        this.feed = feed;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Requires(Role.VIEWER)
    public void events(@QueryParam("job") String job, @Context SseEventSink sink, @Context Sse sse) {
        SseSubscriber subscriber = new SseSubscriber(sink, sse, job == null || job.isBlank() ? null : job.trim());
        if (!feed.subscribe(subscriber, subscriber.job())) {
            subscriber.close();
            throw new ApiException(503, "too many event streams open; poll /uplift/jobs/{id} or try again later");
        }
    }
}
