package org.uplift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import javax.inject.Inject;

import org.ops4j.pax.exam.util.Filter;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.StepRecord;
import org.uplift.api.workflow.UpgradeService;

/** {@link UpliftTestSupport} for tests that upgrade devices and read their jobs back. */
public abstract class UpgradeTestSupport extends UpliftTestSupport {

    /** The steps of a full plan (backup, software, restore), in the order a job goes through them. */
    protected static final List<JobState> FULL_PLAN = List.of(JobState.PENDING, JobState.BACKUP,
            JobState.VERIFY_BACKUP, JobState.KEEP_OLD_VERSION, JobState.UPDATE, JobState.VERIFY_UPDATE,
            JobState.MIGRATE_CONFIG, JobState.RESTORE, JobState.VERIFY_RESTORE, JobState.DONE);

    @Inject
    @Filter(timeout = 120_000)
    protected UpgradeService upgrades;

    /** The one job the device has; fails when it has none or several. */
    protected Job onlyJobOf(String deviceId) {
        List<Job> jobs = upgrades.jobs().stream().filter(j -> j.deviceId().equals(deviceId)).toList();
        assertEquals(jobs.toString(), 1, jobs.size());
        return jobs.get(0);
    }

    /** Upgrades the device to 2.0.0 with {@code uplift:upgrade --wait}; fails unless its one job ends DONE. */
    protected Job upgradedToDone(String deviceId) throws Exception {
        String out = executeCommand("uplift:upgrade --firmware 2.0.0 --wait --timeout 120 " + deviceId);
        assertTrue(out, out.contains("DONE"));
        Job job = onlyJobOf(deviceId);
        assertEquals(job.history().toString(), JobState.DONE, job.state());
        return job;
    }

    /** The states the job went through, in order. */
    protected static List<JobState> states(Job job) {
        return job.history().stream().map(StepRecord::state).toList();
    }
}
