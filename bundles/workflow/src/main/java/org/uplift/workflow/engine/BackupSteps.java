package org.uplift.workflow.engine;

import static org.uplift.api.workflow.JobState.BACKUP;
import static org.uplift.api.workflow.JobState.KEEP_OLD_VERSION;
import static org.uplift.api.workflow.JobState.VERIFY_BACKUP;

import java.time.Duration;

import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.OperationType;
import org.uplift.api.migration.MigrationException;
import org.uplift.api.repository.ConfigBackup;
import org.uplift.api.repository.FirmwareImage;
import org.uplift.api.repository.RepositoryException;
import org.uplift.api.repository.TransferProgress;
import org.uplift.api.repository.TransferTicket;
import org.uplift.workflow.store.BackupEvidence;
import org.uplift.workflow.store.StoreException;
import org.uplift.workflow.store.StoredJob;

/**
 * PENDING, BACKUP and VERIFY_BACKUP: the device uploads its configuration, and the file that arrived is
 * checked against the device's digest, stored, and taken to the target's format before the software is
 * touched. The upload lives on the file server only while this node runs the job, so VERIFY_BACKUP
 * checks the upload BACKUP handed over here; found on taking the job up, it backs up again.
 */
final class BackupSteps {

    /** The upload BACKUP leaves for VERIFY_BACKUP: its ticket, and the device as read before it. */
    private record Upload(TransferTicket ticket, DeviceFacts before) {
    }

    private final Services services;
    private final Transit transit;
    private final JobTarget target;
    private final StepPlumbing plumbing;
    private Upload upload;

    BackupSteps(Services services, Transit transit, JobTarget target, StepPlumbing plumbing) {
        this.services = services;
        this.transit = transit;
        this.target = target;
        this.plumbing = plumbing;
    }

    /** A firmware-only plan starts at the update, remembering the version to return to. */
    StoredJob begin(StoredJob job) throws StepFailure, StoreException, Superseded {
        if (!job.record().plan().firmwareOnly()) {
            return transit.move(job, BACKUP,
                    "commanding the device to upload its configuration to " + plumbing.where());
        }
        DeviceFacts now = plumbing.facts("read the device before the update");
        return transit.move(job, KEEP_OLD_VERSION, "firmware-only plan (the configuration comes from provisioning); "
                + "the device runs " + now.runningVersion() + ", the version a roll-back returns to",
                r -> r.withOldVersion(now.runningVersion()));
    }

    StoredJob backup(StoredJob job) throws StepFailure, InterruptedException, StoreException, Superseded {
        DeviceFacts before = plumbing.facts("read the device before the backup");
        Duration timeout = services.settings().backupTimeout();
        TransferTicket ticket = plumbing.receiveTicket(timeout);
        boolean handedOver = false;
        try {
            String how = plumbing.command(OperationType.BACKUP_CONFIG, ticket, timeout, false);
            StoredJob verifying = transit.move(job, VERIFY_BACKUP,
                    "device reports the backup successful (" + how + ")");
            upload = new Upload(ticket, before);
            handedOver = true;
            return verifying;
        } finally {
            if (!handedOver) {
                plumbing.close(ticket);
            }
        }
    }

    StoredJob verify(StoredJob job) throws StepFailure, InterruptedException, StoreException, Superseded {
        Upload taken = upload;
        upload = null;
        if (taken == null) {
            return transit.move(job, BACKUP,
                    "the uploaded file did not survive a restart of Uplift: backing up again (safe to repeat)");
        }
        try {
            DeviceFacts before = taken.before();
            ConfigBackup backup = store(taken.ticket(), before);
            String fits = fitsTarget(job, before, backup);
            return transit.move(job, KEEP_OLD_VERSION, "backup v" + backup.version() + " stored: " + backup.size()
                    + " bytes, sha256 " + Digests.shortHex(backup.sha256())
                    + (before.configDigest().isEmpty() ? " (the device offers no digest to compare it with)"
                            : ", equal to the device's digest")
                    + "; " + fits + "; the device keeps its running software " + before.runningVersion()
                    + " for roll-back",
                    r -> r.withOldVersion(before.runningVersion())
                            .withBackup(new BackupEvidence(backup.version(), backup.sha256(), before.formatVersion())));
        } finally {
            plumbing.close(taken.ticket());
        }
    }

    /** Closes an upload BACKUP handed over that VERIFY_BACKUP never took (the job stopped in between). */
    void close() {
        Upload left = upload;
        upload = null;
        if (left != null) {
            plumbing.close(left.ticket());
        }
    }

    private ConfigBackup store(TransferTicket ticket, DeviceFacts before) throws StepFailure, InterruptedException {
        TransferProgress progress = plumbing.serverView(ticket);
        if (!progress.completed() || progress.receivedFile() == null) {
            throw new StepFailure("the device reports success but the server received no complete file ("
                    + progress.bytes() + " bytes" + (progress.error() == null ? "" : ", " + progress.error()) + ")");
        }
        byte[] content = StagedFiles.read(progress.receivedFile());
        if (content.length == 0) {
            throw new StepFailure("the backup file arrived empty");
        }
        String sha = Digests.sha256(content);
        if (!before.configDigest().isEmpty() && !before.configDigest().equals(sha)) {
            throw new StepFailure("the backup file (sha256 " + Digests.shortHex(sha)
                    + ") differs from the device's running configuration (sha256 "
                    + Digests.shortHex(before.configDigest()) + ")");
        }
        try {
            return services.backups().store(target.device().id(), content, before.runningVersion(),
                    before.formatVersion());
        } catch (RepositoryException e) {
            throw new StepFailure("cannot store the backup: " + e.getMessage(), e);
        }
    }

    /**
     * The backup is migrated to the format the new software reads and validated now, while the device
     * still runs its old software: a configuration the target cannot take stops the job here, not
     * after the update (the migrator's message names the line).
     */
    private String fitsTarget(StoredJob job, DeviceFacts before, ConfigBackup backup) throws StepFailure {
        String from = before.formatVersion();
        String to = services.catalog().get(job.firmwareId()).map(FirmwareImage::configFormat).orElse("");
        if (from.isEmpty() || to.isEmpty()) {
            return "no configuration format to check it against";
        }
        try {
            byte[] content = services.backups().read(target.device().id(), backup.version());
            services.migrations().migrate(before.model(), from, to, content);
            return from.equals(to) ? "it validates in format " + to : "it migrates from format " + from + " to " + to
                    + " and validates";
        } catch (RepositoryException | MigrationException e) {
            throw new StepFailure("the backup cannot be taken to format " + to + " that " + job.targetVersion()
                    + " reads: " + e.getMessage() + " (the device still runs its old software)", e);
        }
    }
}
