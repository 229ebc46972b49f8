package org.uplift.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.rest.Http.campaign;
import static org.uplift.rest.Http.json;
import static org.uplift.rest.Http.list;
import static org.uplift.rest.Http.refused;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import javax.ws.rs.core.Response;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.DeviceSelection;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.WaveSize;

class CampaignsResourceTest {

    private final InMemoryCampaigns campaigns = new InMemoryCampaigns();
    private final InMemoryUpgrades upgrades = new InMemoryUpgrades();
    private final CampaignsResource resource = new CampaignsResource(campaigns, upgrades);

    @BeforeEach
    void inventory() {
        campaigns.devices.addAll(List.of("iad-1", "iad-2"));
    }

    @Test
    void givenADeviceList_whenPosted_thenTheCampaignStartsWithTheShellsDefaults() {
        Response response = resource.start(campaign("{\"firmware\": \"2.0.0\", \"devices\": [\"iad-1\", \"iad-2\"]}"));
        Map<String, Object> campaign = json(response, 201);
        assertEquals("campaigns/c1", response.getLocation().toString());
        assertEquals("RUNNING", campaign.get("state"));
        assertEquals(Map.of("kind", "list", "devices", List.of("iad-1", "iad-2")), campaign.get("selection"));
        CampaignRequest request = campaigns.started.get(0);
        assertEquals(5, request.concurrency());
        assertEquals(WaveSize.parseAll("1,10%,100%"), request.waves());
        assertEquals(20, request.errorThresholdPercent());
        assertEquals(new RetryPolicy(0, true), request.policy());
    }

    @Test
    void givenEverySetting_whenPosted_thenTheRequestCarriesThem() {
        json(resource.start(
                campaign("{\"firmware\": \"2.0.0\", \"model\": \"IAD-1000\", \"older\": true, \"concurrency\": 20,"
                        + " \"waves\": \"1,50%\", \"threshold\": 0, \"policy\": \"retry:1:abort\"}")),
                201);
        CampaignRequest request = campaigns.started.get(0);
        assertEquals(DeviceSelection.olderThanTarget("IAD-1000"), request.selection());
        assertEquals(20, request.concurrency());
        assertEquals(List.of(new WaveSize(1, false), new WaveSize(50, true)), request.waves());
        assertEquals(0, request.errorThresholdPercent());
        assertEquals(new RetryPolicy(1, true), request.policy());
    }

    @Test
    void givenAModel_whenPosted_thenEveryDeviceOfItIsSelected() {
        json(resource.start(campaign("{\"firmware\": \"2.0.0\", \"model\": \"IAD-1000\"}")), 201);
        assertEquals(DeviceSelection.model("IAD-1000"), campaigns.started.get(0).selection());
    }

    @Test
    void givenBadRequests_whenPosted_thenEachIsRefusedWith400AndNothingStarts() {
        assertBad("{\"devices\": [\"iad-1\"]}", "field \"firmware\" is required");
        assertBad("{\"firmware\": \"2.0.0\"}", "choose the devices");
        assertBad("{\"firmware\": \"2.0.0\", \"devices\": [\"iad-1\"], \"model\": \"M\"}",
                "leave out \"model\" and \"older\"");
        assertBad("{\"firmware\": \"2.0.0\", \"devices\": \"iad-1\"}",
                "field \"devices\" must be an array of strings, not a string");
        assertBad("{\"firmware\": \"2.0.0\", \"devices\": [\"iad-1\", 2]}",
                "must hold only non-empty strings, found a number");
        assertBad("{\"firmware\": \"2.0.0\", \"devices\": [\"iad-7\"]}", "no device 'iad-7' in the inventory");
        assertBad("{\"firmware\": \"2.0.0\", \"model\": \"M\", \"concurrency\": 0}",
                "concurrency must be 1-10000, got 0");
        assertBad("{\"firmware\": \"2.0.0\", \"model\": \"M\", \"concurrency\": 2.5}",
                "field \"concurrency\" must be a whole number, got 2.5");
        assertBad("{\"firmware\": \"2.0.0\", \"model\": \"M\", \"threshold\": 101}",
                "the error threshold is a percentage 0-100, got 101");
        assertBad("{\"firmware\": \"2.0.0\", \"model\": \"M\", \"waves\": \"1,ten\"}",
                "a wave size is a device count (5) or a percentage (25%), got 'ten'");
        assertBad("{\"firmware\": \"2.0.0\", \"model\": \"M\", \"older\": \"yes\"}",
                "field \"older\" must be true or false, not a string");
        assertTrue(campaigns.started.isEmpty());
    }

    @Test
    void givenTheServiceRefuses_whenPosted_then409CarriesItsReason() {
        campaigns.refuseStartWith = "no firmware 2.0.0 for model IAD-9 in the catalogue: add it with uplift:firmware-add";
        campaigns.refuseStartReason = UpgradeException.Reason.REFUSED_BY_PREFLIGHT;
        assertEquals("no firmware 2.0.0 for model IAD-9 in the catalogue: add it with uplift:firmware-add",
                refused(409, () -> resource.start(campaign("{\"firmware\": \"2.0.0\", \"model\": \"IAD-9\"}")))
                        .getMessage());
    }

    /** The engine names a selection that matches no device an invalid request: 400, as a bad body. */
    @Test
    void givenASelectionMatchingNoDevice_whenPosted_then400CarriesTheServicesReason() {
        campaigns.refuseStartWith = "no device matches model IAD-9 for target 2.0.0";
        campaigns.refuseStartReason = UpgradeException.Reason.INVALID_REQUEST;
        assertEquals("no device matches model IAD-9 for target 2.0.0",
                refused(400, () -> resource.start(campaign("{\"firmware\": \"2.0.0\", \"model\": \"IAD-9\"}")))
                        .getMessage());
    }

    @Test
    void givenARunningCampaign_whenPausedResumedAndCancelled_thenEachAnswersItsNewStateAndWrongMovesAre409() {
        resource.start(campaign("{\"firmware\": \"2.0.0\", \"devices\": [\"iad-1\"]}"));
        assertEquals("PAUSED", json(resource.pause("c1"), 200).get("state"));
        refused(409, () -> resource.pause("c1"));
        assertEquals("RUNNING", json(resource.resume("c1"), 200).get("state"));
        refused(409, () -> resource.resume("c1"));
        assertEquals("CANCELLED", json(resource.cancel("c1"), 200).get("state"));
        assertEquals("campaign c1 has already ended: CANCELLED",
                refused(409, () -> resource.cancel("c1")).getMessage());
    }

    @Test
    void givenAnUnknownCampaign_whenShownOrSteered_then404() {
        refused(404, () -> resource.show("c9"));
        refused(404, () -> resource.pause("c9"));
        refused(404, () -> resource.resume("c9"));
        refused(404, () -> resource.cancel("c9"));
    }

    @Test
    void givenACampaignWithJobs_whenShown_thenItHasItsWavesAndOnlyItsJobs() {
        resource.start(campaign("{\"firmware\": \"2.0.0\", \"devices\": [\"iad-1\", \"iad-2\"]}"));
        upgrades.put("j1", "iad-1", JobState.DONE, "c1");
        upgrades.put("j2", "iad-2", JobState.DONE, null);
        Map<String, Object> campaign = json(resource.show("c1"), 200);
        assertEquals(List.of("j1"), list(campaign, "jobs").stream().map(j -> j.get("id")).toList());
        assertEquals(new BigDecimal(2), list(campaign, "waves").get(0).get("devices"));
        assertEquals("1,10%,100%", campaign.get("waveSizes"));
        assertEquals(1, list(json(resource.list(), 200), "campaigns").size());
    }

    private void assertBad(String body, String expected) {
        ApiException e = refused(400, () -> resource.start(campaign(body)));
        assertTrue(e.getMessage().contains(expected), body + " -> " + e.getMessage());
    }
}
