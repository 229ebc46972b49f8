package org.uplift.shell.fakes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.uplift.api.workflow.Campaign;
import org.uplift.api.workflow.CampaignRequest;
import org.uplift.api.workflow.CampaignService;
import org.uplift.api.workflow.CampaignState;
import org.uplift.api.workflow.DeviceSelection;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.UpgradeException;
import org.uplift.api.workflow.WaveProgress;
import org.uplift.api.workflow.WaveSize;

/** An in-memory CampaignService whose campaigns a test sets snapshot by snapshot. */
public final class FakeCampaigns implements CampaignService {

    public static final CampaignRequest REQUEST = new CampaignRequest("2.0.0",
            DeviceSelection.list(List.of("iad-1", "iad-2")),
            5, WaveSize.parseAll("1,100%"), 20, RetryPolicy.parse("abort"));

    private final Map<String, Campaign> campaigns = Collections.synchronizedMap(new LinkedHashMap<>());
    public final List<CampaignRequest> started = new ArrayList<>();

    /** A snapshot of campaign {@code id} with the given waves. */
    public static Campaign campaign(String id, CampaignState state, int currentWave, String message,
            WaveProgress... waves) {
        return new Campaign(id, REQUEST, state, message, FakeUpgrades.T0, FakeUpgrades.T0, currentWave, List.of(waves));
    }

    /** Wave {@code n}: devices, done, failed, waiting, running, not started, failures. */
    public static WaveProgress wave(int n, int devices, int done, int failed, int waiting, int running, int notStarted,
            String... failures) {
        return new WaveProgress(n, devices, done, failed, waiting, running, notStarted, List.of(failures));
    }

    public void set(Campaign c) {
        campaigns.put(c.id(), c);
    }

    @Override
    public Campaign start(CampaignRequest request) throws UpgradeException {
        started.add(request);
        Campaign c = new Campaign("c-0000000" + started.size(), request, CampaignState.RUNNING, "started",
                FakeUpgrades.T0,
                FakeUpgrades.T0, 1, List.of(wave(1, 1, 0, 0, 0, 0, 1)));
        set(c);
        return c;
    }

    @Override
    public Optional<Campaign> campaign(String id) {
        return Optional.ofNullable(campaigns.get(id));
    }

    @Override
    public List<Campaign> campaigns() {
        List<Campaign> all = new ArrayList<>(campaigns.values());
        Collections.reverse(all);
        return all;
    }

    @Override
    public Campaign pause(String id) throws UpgradeException {
        return known(id);
    }

    @Override
    public Campaign resume(String id) throws UpgradeException {
        return known(id);
    }

    @Override
    public Campaign cancel(String id) throws UpgradeException {
        return known(id);
    }

    private Campaign known(String id) throws UpgradeException {
        Campaign c = campaigns.get(id);
        if (c == null) {
            throw new UpgradeException(UpgradeException.Reason.UNKNOWN_CAMPAIGN, "no campaign '" + id + "'");
        }
        return c;
    }
}
