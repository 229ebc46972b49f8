package org.uplift.workflow.engine;

import static org.uplift.api.workflow.JobState.ABORTED;
import static org.uplift.api.workflow.JobState.ROLLBACK;
import static org.uplift.api.workflow.JobState.UPDATE;
import static org.uplift.api.workflow.JobState.VERIFY_ROLLBACK;

import java.nio.file.Path;
import java.util.Optional;

import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.Evidence;
import org.uplift.api.driver.OperationType;
import org.uplift.api.repository.RepositoryException;
import org.uplift.workflow.store.AfterRollback;
import org.uplift.workflow.store.BackupEvidence;
import org.uplift.workflow.store.JobRecord;
import org.uplift.workflow.store.StoreException;
import org.uplift.workflow.store.StoredJob;

/**
 * ROLLBACK and VERIFY_ROLLBACK: the device returns to the software it kept, or to the old image
 * downloaded again where it keeps none, and to its backed-up configuration; then the job goes on with
 * the update or ends, as the record's {@link AfterRollback} says. A roll-back that cannot be done or
 * verified is fatal: the operator must act by hand and the history says what the device runs.
 * VERIFY_ROLLBACK verifies a roll-back done in this run; found on taking a job up, the roll-back is
 * checked again from the start.
 */
final class RollbackSteps {

    private final Services services;
    private final Transit transit;
    private final JobTarget target;
    private final StepPlumbing plumbing;
    private final StagedFiles files;
    private final ConfigurationCheck check;
    private final RebootWatch reboots;
    private boolean rolledBackHere;

    RollbackSteps(Services services, Transit transit, JobTarget target, StepPlumbing plumbing, StagedFiles files,
            ConfigurationCheck check, RebootWatch reboots) {
        this.services = services;
        this.transit = transit;
        this.target = target;
        this.plumbing = plumbing;
        this.files = files;
        this.check = check;
        this.reboots = reboots;
    }

    StoredJob rollback(StoredJob job) throws StepFailure, InterruptedException, StoreException, Superseded {
        JobRecord record = job.record();
        String old = record.requireOldVersion();
        Optional<BackupEvidence> backup = record.backup();
        DeviceFacts now = plumbing.facts("read the device before the roll-back");
        String how = "";
        try {
            if (!old.equals(now.runningVersion())) {
                long at = services.clock().millis();
                if (record.oldFirmware().isPresent()) {
                    downloadAgain(record.oldFirmware().get());
                    how = "; " + record.oldFirmware().get() + " downloaded again";
                } else {
                    plumbing.command(OperationType.ROLLBACK_FIRMWARE, null, services.settings().updateTimeout(), true);
                    how = "; commanded back to its kept version";
                }
                now = reboots.await(now, at, services.settings().rebootTimeout(), "running " + old).facts();
            }
            if (!old.equals(now.runningVersion())) {
                throw StepFailure.fatal("roll-back failed: the device runs " + now.runningVersion() + ", not " + old
                        + "; manual action needed");
            }
            if (backup.isPresent() && !(target.reader().gives(Evidence.CONFIG_DIGEST)
                    && backup.get().sha256().equals(now.configDigest()))) {
                restoreOriginal(backup.get());
            }
        } catch (StepFailure e) {
            throw e.isFatal() ? e : StepFailure.fatal("roll-back failed: " + e.getMessage() + "; manual action needed");
        }
        StoredJob verifying = transit.move(job, VERIFY_ROLLBACK, "device back on " + old + how
                + (backup.isPresent() ? " with its backed-up configuration" : ""));
        rolledBackHere = true;
        return verifying;
    }

    StoredJob verify(StoredJob job) throws StepFailure, InterruptedException, StoreException, Superseded {
        if (!rolledBackHere) {
            return transit.move(job, ROLLBACK, "Uplift restarted while verifying the roll-back: checking again");
        }
        rolledBackHere = false;
        JobRecord record = job.record();
        String old = record.requireOldVersion();
        DeviceFacts back = plumbing.facts("verify the roll-back");
        if (!old.equals(back.runningVersion())) {
            throw StepFailure.fatal(
                    "roll-back not verified: the device runs " + back.runningVersion() + "; manual action needed");
        }
        String evidence = "device runs " + old;
        if (record.backup().isPresent()) {
            BackupEvidence backup = record.backup().get();
            try {
                evidence += "; " + check.runs(original(backup), backup.sha256(), "its backed-up configuration");
            } catch (StepFailure e) {
                throw StepFailure.fatal("roll-back not verified: " + e.getMessage() + "; manual action needed");
            }
        }
        if (record.afterRollback().orElse(AfterRollback.ABORT) == AfterRollback.RETRY) {
            return transit.move(job, UPDATE, evidence + "; retrying the update");
        }
        return transit.move(job, ABORTED, evidence + "; job ended by decision");
    }

    /** Where the device keeps no old version: the old image, pinned in the catalogue while the job lives, served again. */
    private void downloadAgain(String firmwareId) throws StepFailure, InterruptedException {
        Path image;
        try {
            image = services.catalog().verifiedFile(firmwareId);
        } catch (RepositoryException e) {
            throw StepFailure.fatal("the old image " + firmwareId + " cannot be served again: " + e.getMessage());
        }
        plumbing.serve(image, OperationType.DOWNLOAD_FIRMWARE, services.settings().updateTimeout(), true);
    }

    private byte[] original(BackupEvidence backup) throws StepFailure {
        try {
            return services.backups().read(target.device().id(), backup.version());
        } catch (RepositoryException e) {
            throw StepFailure.fatal("cannot read the original backup: " + e.getMessage());
        }
    }

    private void restoreOriginal(BackupEvidence backup) throws StepFailure, InterruptedException {
        Path staged = files.stage("original", original(backup));
        try {
            plumbing.serve(staged, OperationType.RESTORE_CONFIG, services.settings().restoreTimeout(), false);
        } finally {
            StagedFiles.deleteQuietly(staged);
        }
    }
}
