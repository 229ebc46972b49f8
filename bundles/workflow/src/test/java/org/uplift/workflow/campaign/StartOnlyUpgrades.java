package org.uplift.workflow.campaign;

import java.util.List;
import java.util.Optional;

import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.RetryPolicy;
import org.uplift.api.workflow.UpgradeService;

/** An upgrade service for the campaign's tick alone: it only starts jobs, which is all a tick asks of it. */
interface StartOnlyUpgrades extends UpgradeService {

    @Override
    default Job start(String deviceId, String firmwareVersion) {
        throw new UnsupportedOperationException();
    }

    @Override
    default Job start(String deviceId, String firmwareVersion, RetryPolicy policy) {
        throw new UnsupportedOperationException();
    }

    @Override
    default List<Job> jobsOfCampaign(String campaignId) {
        throw new UnsupportedOperationException();
    }

    @Override
    default Job decide(String jobId, Decision decision) {
        throw new UnsupportedOperationException();
    }

    @Override
    default Optional<Job> job(String id) {
        throw new UnsupportedOperationException();
    }

    @Override
    default List<Job> jobs() {
        throw new UnsupportedOperationException();
    }
}
