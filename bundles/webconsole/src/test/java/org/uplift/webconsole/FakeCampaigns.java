package org.uplift.webconsole;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.CampaignService;

/** Holds given campaigns for unit tests of the page; the page only reads them. */
final class FakeCampaigns implements CampaignService {

    final List<Campaign> campaigns = new ArrayList<>();

    @Override
    public Campaign start(CampaignRequest request) {
        throw new UnsupportedOperationException("the page starts no campaigns");
    }

    @Override
    public Optional<Campaign> campaign(String id) {
        return campaigns.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    @Override
    public List<Campaign> campaigns() {
        return List.copyOf(campaigns);
    }

    @Override
    public Campaign pause(String id) {
        throw new UnsupportedOperationException("the page does not pause campaigns");
    }

    @Override
    public Campaign resume(String id) {
        throw new UnsupportedOperationException("the page does not resume campaigns");
    }

    @Override
    public Campaign cancel(String id) {
        throw new UnsupportedOperationException("the page does not cancel campaigns");
    }
}
