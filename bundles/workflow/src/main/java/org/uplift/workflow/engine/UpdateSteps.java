package org.uplift.workflow.engine;

import static org.uplift.api.workflow.JobState.DONE;
import static org.uplift.api.workflow.JobState.MIGRATE_CONFIG;
import static org.uplift.api.workflow.JobState.UPDATE;
import static org.uplift.api.workflow.JobState.VERIFY_UPDATE;

import java.nio.file.Path;
import java.time.Duration;

import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.Evidence;
import org.uplift.api.driver.OperationType;
import org.uplift.api.repository.RepositoryException;
import org.uplift.api.repository.TransferTicket;
import org.uplift.workflow.store.JobRecord;
import org.uplift.workflow.store.StoreException;
import org.uplift.workflow.store.StoredJob;
import org.uplift.workflow.store.UpdateWatch;

/** KEEP_OLD_VERSION, UPDATE and VERIFY_UPDATE: the device loads the new software and comes back running it. */
final class UpdateSteps {

    private final Services services;
    private final Transit transit;
    private final JobTarget target;
    private final StepPlumbing plumbing;
    private final RebootWatch reboots;

    UpdateSteps(Services services, Transit transit, JobTarget target, StepPlumbing plumbing, RebootWatch reboots) {
        this.services = services;
        this.transit = transit;
        this.target = target;
        this.plumbing = plumbing;
        this.reboots = reboots;
    }

    StoredJob keepOldVersion(StoredJob job) throws StepFailure, StoreException, Superseded {
        return transit.move(job, UPDATE, "commanding the device to download and load " + job.firmwareId() + " from "
                + plumbing.where());
    }

    /** Re-entered after a restart only if the device still runs the old version; never loads twice blindly. */
    StoredJob update(StoredJob job) throws StepFailure, InterruptedException, StoreException, Superseded {
        DeviceFacts atUpdate = plumbing.facts("read the device before the update");
        long atUpdateMillis = services.clock().millis();
        if (job.targetVersion().equals(atUpdate.runningVersion())) {
            // the restart already happened while Uplift was down: count it as seen
            return transit.move(job, VERIFY_UPDATE, "the device already runs " + job.targetVersion()
                    + " (the update was under way when Uplift restarted): verifying",
                    r -> r.withUpdate(UpdateWatch.restartSeen(atUpdateMillis)));
        }
        String old = job.record().requireOldVersion();
        if (!old.equals(atUpdate.runningVersion())) {
            throw new StepFailure("before the update the device runs " + atUpdate.runningVersion() + ", expected "
                    + old + " (changed by someone else?)");
        }
        Duration timeout = services.settings().updateTimeout();
        Path image;
        try {
            image = services.catalog().verifiedFile(job.firmwareId());
        } catch (RepositoryException e) {
            throw new StepFailure(e.getMessage(), e);
        }
        TransferTicket ticket = plumbing.offerTicket(image, timeout);
        try {
            String how = plumbing.command(OperationType.DOWNLOAD_FIRMWARE, ticket, timeout, true);
            long served = plumbing.bytes(ticket);
            return transit.move(job, VERIFY_UPDATE, "device accepted the image (" + served
                    + " bytes served; " + how + "); waiting for it to restart running " + job.targetVersion(),
                    r -> r.withUpdate(UpdateWatch.awaitingRestart(atUpdateMillis, atUpdate.sysUpTime(),
                            atUpdate.engineBoots())));
        } finally {
            plumbing.close(ticket);
        }
    }

    /**
     * Verified only once the device has restarted (its sysUpTime went back, or snmpEngineBoots rose),
     * answered steadily for the settle period, and reports the target version as running: a device may
     * announce the new version before it reloads, and a restore sent then would be lost in the reboot.
     */
    StoredJob verify(StoredJob job) throws StepFailure, InterruptedException, StoreException, Superseded {
        JobRecord record = job.record();
        UpdateWatch watch = record.requireUpdate();
        DeviceFacts before = watch.restartAlreadySeen() ? null
                : new DeviceFacts("", watch.sysUpTime().getAsLong(), "", "", "", "", "",
                        watch.engineBoots().orElse(-1));
        RebootWatch.Seen seen = reboots.await(before, watch.atMillis(), services.settings().rebootTimeout(),
                "running " + job.targetVersion());
        DeviceFacts now = seen.facts();
        if (!job.targetVersion().equals(now.runningVersion())) {
            throw new StepFailure("the device " + seen.how() + " but runs " + now.runningVersion() + ", not "
                    + job.targetVersion());
        }
        String old = record.requireOldVersion();
        String kept;
        if (target.reader().gives(Evidence.KEPT_VERSION)) {
            if (!old.equals(now.keptVersion())) {
                throw new StepFailure("device runs " + now.runningVersion() + " but keeps '" + now.keptVersion()
                        + "' instead of the old version " + old);
            }
            kept = " and keeps " + now.keptVersion();
        } else {
            kept = " (it keeps no readable old version: a roll-back downloads " + record.oldFirmware().orElse(old)
                    + " again)";
        }
        if (record.plan().firmwareOnly()) {
            return transit.move(job, DONE, "upgraded to " + now.runningVersion() + ": the device " + seen.how()
                    + ", runs " + now.runningVersion() + kept + "; its configuration comes from provisioning");
        }
        return transit.move(job, MIGRATE_CONFIG, "the device " + seen.how() + ", runs " + now.runningVersion() + kept
                + (now.formatVersion().isEmpty() ? "" : "; its configuration format is " + now.formatVersion()));
    }
}
