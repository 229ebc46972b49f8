package org.uplift.rest;

import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.uplift.api.repository.FirmwareCatalog;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;
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

    private static final Set<String> START_FIELDS = Set.of("device", "firmware", "policy");

    private final UpgradeService upgrades;
    private final DeviceDirectory directory;
    private final FirmwareCatalog catalog;

    @Activate
    public JobsResource(@Reference UpgradeService upgrades, @Reference DeviceDirectory directory,
            @Reference FirmwareCatalog catalog) {
        this.upgrades = upgrades;
        this.directory = directory;
        this.catalog = catalog;
    }

    /** All jobs, newest first; {@code ?state=}, {@code ?device=} and {@code ?campaign=} narrow the list. */
    @GET
    @Requires(Role.VIEWER)
    public Response list(@QueryParam("state") String state, @QueryParam("device") String device,
            @QueryParam("campaign") String campaign) {
        Optional<JobState> wanted = Optional.ofNullable(state).map(JobsResource::state);
        Stream<Job> jobs = upgrades.jobs().stream()
                .filter(j -> wanted.isEmpty() || j.state() == wanted.get())
                .filter(j -> device == null || j.deviceId().equals(device))
                .filter(j -> campaign == null || campaign.equals(j.campaignId()));
        return Replies.ok(Map.of("jobs", jobs.map(Views::jobSummary).toList()));
    }

    @GET
    @Path("{id}")
    @Requires(Role.VIEWER)
    public Response show(@PathParam("id") String id) {
        return Replies.ok(view(job(id)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Role.OPERATOR)
    public Response start(InputStream body) {
        RequestBody request = RequestBody.read(body, START_FIELDS);
        String device = request.text("device");
        String firmware = request.text("firmware");
        RetryPolicy policy = policy(request.optionalText("policy").orElse("ask"));
        checkStartable(device, firmware);
        try {
            Job job = upgrades.start(new UpgradeRequest(device, firmware, policy, null));
            return Replies.created("jobs/" + job.id(), view(job));
        } catch (UpgradeException e) {
            // the device and the firmware exist: the device's own state refused it (unreachable, already on that
            // version, no migration chain to the new format, a job started meanwhile)
            throw ApiException.conflict(e.getMessage());
        }
    }

    @POST
    @Path("{id}/retry")
    @Requires(Role.OPERATOR)
    public Response retry(@PathParam("id") String id) {
        return decide(id, Decision.RETRY);
    }

    @POST
    @Path("{id}/abort")
    @Requires(Role.OPERATOR)
    public Response abort(@PathParam("id") String id) {
        return decide(id, Decision.ABORT);
    }

    private Response decide(String id, Decision decision) {
        job(id);
        try {
            return Replies.ok(view(upgrades.decide(id, decision)));
        } catch (UpgradeException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    /** Refuses what the body names wrongly (400) or a device already being upgraded (409) before the device is touched. */
    private void checkStartable(String device, String firmware) {
        if (directory.device(device).isEmpty()) {
            throw ApiException.badRequest("no device '" + device + "' in the inventory; see /uplift/devices");
        }
        if (catalog.list().stream().noneMatch(f -> f.version().equals(firmware))) {
            throw ApiException.badRequest("no firmware version '" + firmware + "' in the catalogue; see /uplift/firmware");
        }
        upgrades.jobs().stream().filter(j -> j.deviceId().equals(device) && !j.state().terminal()).findFirst()
                .ifPresent(j -> {
                    throw ApiException.conflict("device " + device + " already has job " + j.id() + " (" + j.state() + ")");
                });
    }

    private Job job(String id) {
        return upgrades.job(id).orElseThrow(() -> ApiException.notFound("no job '" + id + "'; see /uplift/jobs"));
    }

    private Map<String, Object> view(Job job) {
        return Views.job(job, job.state().terminal() ? Optional.empty() : upgrades.progress(job.id()));
    }

    private static RetryPolicy policy(String text) {
        try {
            return RetryPolicy.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
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
