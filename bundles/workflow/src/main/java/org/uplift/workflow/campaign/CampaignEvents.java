package org.uplift.workflow.campaign;

import java.util.Map;
import java.util.function.Supplier;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.uplift.api.workflow.CampaignService;

/** Posts a campaign's state changes and wave moves, when Event Admin is there. */
final class CampaignEvents {

    private final Supplier<EventAdmin> eventAdmin;

    CampaignEvents(Supplier<EventAdmin> eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    /** Posts if {@code after} differs from {@code before} in state or wave ({@code before} null: a new campaign). */
    void changed(StoredCampaign before, StoredCampaign after) {
        if (before != null && before.state() == after.state() && before.currentWave() == after.currentWave()) {
            return;
        }
        EventAdmin admin = eventAdmin.get();
        if (admin != null) {
            admin.postEvent(new Event(CampaignService.TOPIC_CAMPAIGN_STATE, Map.of("campaign.id", after.id(),
                    "state", after.state().name(), "wave", after.currentWave() + 1, "message", after.message(),
                    "timestamp", after.updatedAt().toEpochMilli())));
        }
    }
}
