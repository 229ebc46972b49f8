package org.uplift.itests;

import static org.junit.Assert.assertEquals;

import java.util.List;

import javax.inject.Inject;

import org.ops4j.pax.exam.util.Filter;
import org.uplift.api.workflow.Job;
import org.uplift.api.workflow.UpgradeService;

/** {@link UpliftTestSupport} for tests that upgrade devices and read their jobs back. */
public abstract class UpgradeTestSupport extends UpliftTestSupport {

    @Inject
    @Filter(timeout = 120_000)
    protected UpgradeService upgrades;

    /** The one job the device has; fails when it has none or several. */
    protected Job onlyJobOf(String deviceId) {
        List<Job> jobs = upgrades.jobs().stream().filter(j -> j.deviceId().equals(deviceId)).toList();
        assertEquals(jobs.toString(), 1, jobs.size());
        return jobs.get(0);
    }
}
