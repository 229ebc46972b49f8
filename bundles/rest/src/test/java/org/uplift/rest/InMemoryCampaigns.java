package org.uplift.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.CampaignService;
import org.uplift.api.workflow.CampaignState;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.UpgradeException.Reason;
import org.uplift.api.workflow.WaveProgress;

/**
 * A test double of {@link CampaignService}: campaigns are records whose state the calls change as documented; it
 * refuses as the engine does, naming the reason (a device no inventory knows, a campaign in the wrong state).
 */
class InMemoryCampaigns implements CampaignService {

    final Map<String, Campaign> campaigns = new LinkedHashMap<>();
    final List<CampaignRequest> started = new ArrayList<>();
    /** Devices the inventories know. */
    final Set<String> devices = new TreeSet<>();
    /** A refusal every start meets, with its reason. */
    String refuseStartWith;
    Reason refuseStartReason = Reason.REFUSED_BY_PREFLIGHT;

    @Override
    public Campaign start(CampaignRequest request) throws UpgradeException {
        if (refuseStartWith != null) {
            throw new UpgradeException(refuseStartReason, refuseStartWith);
        }
        for (String device : request.selection().deviceIds()) {
            if (!devices.contains(device)) {
                throw new UpgradeException(Reason.UNKNOWN_DEVICE, "no device '" + device + "' in the inventory");
            }
        }
        started.add(request);
        String id = "c" + (campaigns.size() + 1);
        int devices = Math.max(1, request.selection().deviceIds().size());
        Campaign c = new Campaign(id, request, CampaignState.RUNNING, "started", Instant.EPOCH, Instant.EPOCH, 1,
                List.of(new WaveProgress(1, devices, 0, 0, 0, devices, 0, List.of())));
        campaigns.put(id, c);
        return c;
    }

    @Override
    public Optional<Campaign> campaign(String id) {
        return Optional.ofNullable(campaigns.get(id));
    }

    @Override
    public List<Campaign> campaigns() {
        return List.copyOf(campaigns.values());
    }

    @Override
    public Campaign pause(String id) throws UpgradeException {
        return move(id, CampaignState.RUNNING, CampaignState.PAUSED);
    }

    @Override
    public Campaign resume(String id) throws UpgradeException {
        return move(id, CampaignState.PAUSED, CampaignState.RUNNING);
    }

    @Override
    public Campaign cancel(String id) throws UpgradeException {
        Campaign c = campaign(id).orElseThrow(() -> new UpgradeException(Reason.UNKNOWN_CAMPAIGN, "no campaign " + id));
        if (c.state().terminal()) {
            throw new UpgradeException(Reason.NOT_WAITING, "campaign " + id + " has already ended: " + c.state());
        }
        return set(c, CampaignState.CANCELLED);
    }

    private Campaign move(String id, CampaignState from, CampaignState to) throws UpgradeException {
        Campaign c = campaign(id).orElseThrow(() -> new UpgradeException(Reason.UNKNOWN_CAMPAIGN, "no campaign " + id));
        if (c.state() != from) {
            throw new UpgradeException(Reason.NOT_WAITING, "campaign " + id + " is " + c.state() + ", not " + from);
        }
        return set(c, to);
    }

    private Campaign set(Campaign c, CampaignState state) {
        Campaign next = new Campaign(c.id(), c.request(), state, state.name().toLowerCase(), c.createdAt(),
                Instant.now(),
                c.currentWave(), c.waves());
        campaigns.put(c.id(), next);
        return next;
    }
}
