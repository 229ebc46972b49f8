package org.uplift.rest;

import java.util.Map;

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
import org.uplift.api.dto.CampaignDto;
import org.uplift.api.dto.CampaignSummaryDto;
import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignService;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeService;
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

    private final CampaignService campaigns;
    private final UpgradeService upgrades;

    @Activate
    public CampaignsResource(@Reference CampaignService campaigns, @Reference UpgradeService upgrades) {
        this.campaigns = campaigns;
        this.upgrades = upgrades;
    }

    /** All campaigns, newest first. */
    @GET
    @Requires(Role.VIEWER)
    public Response list() {
        return Replies.ok(Map.of("campaigns", campaigns.campaigns().stream().map(CampaignSummaryDto::of).toList()));
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
    public Response start(CampaignStart body) {
        try {
            Campaign campaign = campaigns.start(body.toRequest());
            return Replies.created("campaigns/" + campaign.id(), view(campaign));
        } catch (UpgradeException e) {
            // e.g. a device no inventory knows (400), the selection matches no device now (409), no store (503)
            throw ApiException.of(e);
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
            throw ApiException.of(e);
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
            throw ApiException.of(e);
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
            throw ApiException.of(e);
        }
    }

    private Campaign campaign(String id) {
        return campaigns.campaign(id)
                .orElseThrow(() -> ApiException.notFound("no campaign '" + id + "'; see /uplift/campaigns"));
    }

    private CampaignDto view(Campaign campaign) {
        return CampaignDto.of(campaign, upgrades.jobsOfCampaign(campaign.id()));
    }
}
