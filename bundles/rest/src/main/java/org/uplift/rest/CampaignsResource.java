package org.uplift.rest;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.CampaignService;
import org.uplift.api.workflow.DeviceSelection;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeService;
import org.uplift.api.workflow.WaveSize;
import org.uplift.rest.security.Requires;
import org.uplift.rest.security.Role;

/**
 * {@code /uplift/campaigns}: upgrades of many devices in waves. {@code POST} starts one with the fields and
 * defaults of {@code uplift:campaign-start}: {@code firmware} (target version), one of {@code devices} (ids),
 * {@code model} or {@code older} (with an optional {@code model}), {@code concurrency} (5), {@code waves}
 * ("1,10%,100%"), {@code threshold} (20) and {@code policy} ("abort"). {@code POST /{id}/pause}, {@code /resume}
 * and {@code /cancel} steer it.
 */
@Component(service = CampaignsResource.class)
@JaxrsResource
@JaxrsApplicationSelect(UpliftApplication.SELECT)
@Path("campaigns")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignsResource {

    private static final Set<String> START_FIELDS = Set.of("firmware", "devices", "model", "older", "concurrency",
            "waves", "threshold", "policy");

    private final CampaignService campaigns;
    private final UpgradeService upgrades;
    private final DeviceDirectory directory;

    @Activate
    public CampaignsResource(@Reference CampaignService campaigns, @Reference UpgradeService upgrades,
            @Reference DeviceDirectory directory) {
        this.campaigns = campaigns;
        this.upgrades = upgrades;
        this.directory = directory;
    }

    /** All campaigns, newest first. */
    @GET
    @Requires(Role.VIEWER)
    public Response list() {
        return Replies.ok(Map.of("campaigns", campaigns.campaigns().stream().map(Views::campaignSummary).toList()));
    }

    /** One campaign with its waves' progress and its jobs. */
    @GET
    @Path("{id}")
    @Requires(Role.VIEWER)
    public Response show(@PathParam("id") String id) {
        return Replies.ok(view(campaign(id)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Role.OPERATOR)
    public Response start(InputStream body) {
        CampaignRequest request = request(RequestBody.read(body, START_FIELDS));
        for (String device : request.selection().deviceIds()) {
            if (directory.device(device).isEmpty()) {
                throw ApiException.badRequest("no device '" + device + "' in the inventory; see /uplift/devices");
            }
        }
        try {
            Campaign campaign = campaigns.start(request);
            return Replies.created("campaigns/" + campaign.id(), view(campaign));
        } catch (UpgradeException e) {
            // e.g. the selection matches no device now, or the campaign cannot be stored
            throw ApiException.conflict(e.getMessage());
        }
    }

    @POST
    @Path("{id}/pause")
    @Requires(Role.OPERATOR)
    public Response pause(@PathParam("id") String id) {
        campaign(id);
        try {
            return Replies.ok(view(campaigns.pause(id)));
        } catch (UpgradeException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    @POST
    @Path("{id}/resume")
    @Requires(Role.OPERATOR)
    public Response resume(@PathParam("id") String id) {
        campaign(id);
        try {
            return Replies.ok(view(campaigns.resume(id)));
        } catch (UpgradeException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    @POST
    @Path("{id}/cancel")
    @Requires(Role.OPERATOR)
    public Response cancel(@PathParam("id") String id) {
        campaign(id);
        try {
            return Replies.ok(view(campaigns.cancel(id)));
        } catch (UpgradeException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    private Campaign campaign(String id) {
        return campaigns.campaign(id).orElseThrow(() -> ApiException.notFound("no campaign '" + id + "'; see /uplift/campaigns"));
    }

    private Map<String, Object> view(Campaign campaign) {
        return Views.campaign(campaign, upgrades.jobsOfCampaign(campaign.id()));
    }

    /** The request the body describes; the API records' own checks (concurrency, threshold, waves) answer as 400. */
    static CampaignRequest request(RequestBody body) {
        String firmware = body.text("firmware");
        try {
            List<WaveSize> waves = CampaignRequest.parseWaves(body.optionalText("waves").orElse("1,10%,100%"));
            return new CampaignRequest(firmware, selection(body), body.integer("concurrency", 5), waves,
                    body.integer("threshold", 20), RetryPolicy.parse(body.optionalText("policy").orElse("abort")));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private static DeviceSelection selection(RequestBody body) {
        List<String> devices = body.texts("devices");
        boolean older = body.flag("older", false);
        String model = body.optionalText("model").orElse(null);
        if (!devices.isEmpty()) {
            if (model != null || older) {
                throw ApiException.badRequest("\"devices\" names the devices: leave out \"model\" and \"older\"");
            }
            return DeviceSelection.list(devices);
        }
        if (older) {
            return DeviceSelection.olderThanTarget(model);
        }
        if (model != null) {
            return DeviceSelection.model(model);
        }
        throw ApiException.badRequest("choose the devices: \"devices\": [ids], \"model\": \"M\", or \"older\": true (with an optional \"model\")");
    }
}
