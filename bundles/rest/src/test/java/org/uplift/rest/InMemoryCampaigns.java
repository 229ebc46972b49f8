package org.uplift.rest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.CampaignService;
import org.uplift.api.workflow.CampaignState;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.WaveProgress;

/** A test double of {@link CampaignService}: campaigns are records whose state the calls change as documented. */
class InMemoryCampaigns implements CampaignService {

    final Map<String, Campaign> campaigns = new LinkedHashMap<>();
    final List<CampaignRequest> started = new ArrayList<>();
    String refuseStartWith;

    @Override
    public Campaign start(CampaignRequest request) throws UpgradeException {
        if (refuseStartWith != null) {
            throw new UpgradeException(refuseStartWith);
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
        Campaign c = campaign(id).orElseThrow(() -> new UpgradeException("no campaign " + id));
        if (c.state().terminal()) {
            throw new UpgradeException("campaign " + id + " has already ended: " + c.state());
        }
        return set(c, CampaignState.CANCELLED);
    }

    private Campaign move(String id, CampaignState from, CampaignState to) throws UpgradeException {
        Campaign c = campaign(id).orElseThrow(() -> new UpgradeException("no campaign " + id));
        if (c.state() != from) {
            throw new UpgradeException("campaign " + id + " is " + c.state() + ", not " + from);
        }
        return set(c, to);
    }

    private Campaign set(Campaign c, CampaignState state) {
        Campaign next = new Campaign(c.id(), c.request(), state, state.name().toLowerCase(), c.createdAt(), Instant.now(),
                c.currentWave(), c.waves());
        campaigns.put(c.id(), next);
        return next;
    }
}
