package org.uplift.rest;

import java.security.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.uplift.api.dto.JobDto;
import org.uplift.api.dto.JobSummaryDto;
import org.uplift.api.workflow.Decider;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobPage;
import org.uplift.api.workflow.JobQuery;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeRequest;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.rest.security.Requires;
import org.uplift.rest.security.Role;

/**
 * {@code /uplift/jobs}: upgrade jobs. {@code POST} starts one ({@code {"device": .., "firmware": "2.0.0",
 * "policy": "retry:2"}}; the firmware is the target version, the policy as {@code uplift:upgrade --policy});
 * {@code POST /{id}/retry} and {@code /{id}/abort} answer a job waiting for a decision (abort also stops a running
 * job). A job's answer has its step history and the live progress of a transfer under way.
 */
@Component(service = JobsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(UpliftApplication.SELECT)
@Path("jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobsResource {

    private final UpgradeService upgrades;

    @Activate
    public JobsResource(@Reference UpgradeService upgrades) {
        this.upgrades = upgrades;
    }

    /**
     * The newest jobs, a page at a time ({@code ?limit=}, 1 to 1000, default 100; {@code ?offset=}); {@code ?state=},
     * {@code ?device=}, {@code ?campaign=} and {@code ?since=} (an ISO-8601 instant) narrow the list. The answer
     * says how many match in all ({@code total}) and where the next page starts ({@code nextOffset}, absent on the last).
     */
    @GET
    @Requires(Role.VIEWER)
    public Response list(@QueryParam("state") String state, @QueryParam("device") String device,
            @QueryParam("campaign") String campaign, @QueryParam("since") String since,
            @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset) {
        JobQuery query;
        try {
            query = JobQuery.all().inState(state == null ? null : state(state)).ofDevice(device).ofCampaign(campaign)
                    .createdSince(since == null ? null : Instant.parse(since))
                    .page(limit == null ? JobQuery.DEFAULT_LIMIT : limit, offset == null ? 0 : offset);
        } catch (DateTimeParseException e) {
            throw ApiException
                    .badRequest("since must be an ISO-8601 instant such as 2024-05-01T10:00:00Z, got '" + since + "'");
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        JobPage page = upgrades.jobs(query);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("jobs", page.jobs().stream().map(JobSummaryDto::of).toList());
        reply.put("total", page.total());
        reply.put("offset", page.offset());
        reply.put("limit", page.limit());
        if (page.hasNext()) {
            reply.put("nextOffset", page.offset() + page.jobs().size());
        }
        return Replies.ok(reply);
    }

    @GET
    @Path("{id}")
    @Requires(Role.VIEWER)
    public Response show(@PathParam("id") String id) {
        return Replies.ok(view(job(id)));
    }

    /**
     * The engine decides whether the job can start; its refusal answers by its reason ({@link ApiException#of}): a
     * device or firmware it does not know 400, a device already being upgraded (or on that version) 409.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Role.OPERATOR)
    public Response start(JobStart body) {
        UpgradeRequest request = body.toRequest();
        try {
            Job job = upgrades.start(request);
            return Replies.created("jobs/" + job.id(), view(job));
        } catch (UpgradeException e) {
            if (e.reason() == UpgradeException.Reason.UNKNOWN_DEVICE) {
                // the engine's text names the shell command; a REST client looks the devices up here
                throw ApiException
                        .badRequest("no device '" + request.deviceId() + "' in the inventory; see /uplift/devices");
            }
            throw ApiException.of(e);
        }
    }

    @POST
    @Path("{id}/retry")
    @Requires(Role.OPERATOR)
    public Response retry(@PathParam("id") String id, @QueryParam("prompt") Integer prompt,
            @Context SecurityContext security) {
        return decide(id, prompt, Decision.RETRY, security);
    }

    @POST
    @Path("{id}/abort")
    @Requires(Role.OPERATOR)
    public Response abort(@PathParam("id") String id, @QueryParam("prompt") Integer prompt,
            @Context SecurityContext security) {
        return decide(id, prompt, Decision.ABORT, security);
    }

    /** {@code ?prompt=} names the prompt answered (a job's {@code prompt}); a prompt answered already is a 409. */
    private Response decide(String id, Integer prompt, Decision decision, SecurityContext security) {
        job(id);
        if (prompt != null && prompt < 1) {
            throw ApiException.badRequest("prompt must be a job's prompt number, 1 or more; got " + prompt);
        }
        Principal principal = security == null ? null : security.getUserPrincipal();
        Decider decider = new Decider(principal == null ? null : principal.getName(), "rest");
        try {
            return Replies.ok(view(upgrades.decide(id, prompt == null ? 0 : prompt, decision, decider)));
        } catch (UpgradeException e) {
            throw ApiException.of(e);
        }
    }

    private Job job(String id) {
        return upgrades.job(id).orElseThrow(() -> ApiException.notFound("no job '" + id + "'; see /uplift/jobs"));
    }

    private JobDto view(Job job) {
        return JobDto.of(job, job.state().terminal() ? Optional.empty() : upgrades.progress(job.id()));
    }

    private static JobState state(String name) {
        try {
            return JobState.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = Arrays.stream(JobState.values()).map(Enum::name).toList();
            throw ApiException.badRequest("state must be one of " + String.join(", ", names) + ", got '" + name + "'");
        }
    }
}
