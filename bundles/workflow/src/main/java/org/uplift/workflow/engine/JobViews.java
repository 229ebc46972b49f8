package org.uplift.workflow.engine;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.repository.FileServer;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobPage;
import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.JobQuery;
import org.uplift.workflow.store.JobStore;
import org.uplift.workflow.store.StoreException;
import org.uplift.workflow.store.StoredJob;

/** The stored jobs as the API shows them, and the queries of {@link org.uplift.api.workflow.UpgradeService}. */
final class JobViews {

    private static final Logger LOG = LoggerFactory.getLogger(JobViews.class);

    private final JobStore store;
    private final LiveTransfers liveTransfers;
    private final FileServer fileServer;

    JobViews(JobStore store, LiveTransfers liveTransfers, FileServer fileServer) {
        this.store = store;
        this.liveTransfers = liveTransfers;
        this.fileServer = fileServer;
    }

    static Job toJob(StoredJob j) {
        return new Job(j.id(), j.deviceId(), j.firmwareId(), j.targetVersion(), j.state(), j.createdAt(), j.history(),
                j.campaignId(), j.record().plan(), j.prompt(), j.decided());
    }

    List<Job> jobsOfCampaign(String campaignId) {
        try {
            return store.ofCampaign(campaignId).stream().map(JobViews::toJob).toList();
        } catch (StoreException e) {
            LOG.warn("Cannot list the jobs of campaign {}: {}", campaignId, e.getMessage());
            return List.of();
        }
    }

    Optional<JobProgress> progress(String jobId) {
        return job(jobId).map(j -> liveTransfers.of(j.id(), fileServer)
                .map(b -> new JobProgress(j.id(), j.state(), b.bytes(), b.totalBytes()))
                .orElse(new JobProgress(j.id(), j.state(), 0, -1)));
    }

    Optional<Job> job(String id) {
        try {
            return store.find(id).map(JobViews::toJob);
        } catch (StoreException e) {
            LOG.warn("Cannot read job {}: {}", id, e.getMessage());
            return Optional.empty();
        }
    }

    List<Job> jobs() {
        try {
            return jobs(JobQuery.all().page(JobQuery.MAX_LIMIT, 0)).jobs();
        } catch (IllegalStateException e) {
            LOG.warn("{}", e.getMessage());
            return List.of();
        }
    }

    /** A store failure is thrown, not shown as an empty list: a caller paging through jobs must know. */
    JobPage jobs(JobQuery query) {
        try {
            JobStore.Page page = store.query(query);
            return new JobPage(page.jobs().stream().map(JobViews::toJob).toList(), page.total(), query.offset(),
                    query.limit());
        } catch (StoreException e) {
            throw new IllegalStateException("cannot list jobs: " + e.getMessage(), e);
        }
    }
}
