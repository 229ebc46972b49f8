package org.uplift.workflow.engine;

import static org.uplift.api.workflow.JobState.DONE;
import static org.uplift.api.workflow.JobState.RESTORE;
import static org.uplift.api.workflow.JobState.VERIFY_RESTORE;

import java.nio.file.Path;

import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.Evidence;
import org.uplift.api.driver.OperationType;
import org.uplift.api.migration.MigrationException;
import org.uplift.api.repository.RepositoryException;
import org.uplift.workflow.store.BackupEvidence;
import org.uplift.workflow.store.MigratedConfig;
import org.uplift.workflow.store.StoreException;
import org.uplift.workflow.store.StoredJob;

/**
 * MIGRATE_CONFIG, RESTORE and VERIFY_RESTORE: the backup taken to the format the new software reads,
 * served to the device, and checked to be what it runs. VERIFY_RESTORE needs only the record, so it
 * is simply run again when a job is taken up in it.
 */
final class RestoreSteps {

    private final Services services;
    private final Transit transit;
    private final JobTarget target;
    private final StepPlumbing plumbing;
    private final StagedFiles files;
    private final ConfigurationCheck check;

    RestoreSteps(Services services, Transit transit, JobTarget target, StepPlumbing plumbing, StagedFiles files,
            ConfigurationCheck check) {
        this.services = services;
        this.transit = transit;
        this.target = target;
        this.plumbing = plumbing;
        this.files = files;
        this.check = check;
    }

    StoredJob migrate(StoredJob job) throws StepFailure, StoreException, Superseded {
        BackupEvidence backup = job.record().requireBackup();
        DeviceFacts now = plumbing.facts("read the device's configuration format");
        String from = backup.format();
        String to = target.reader().gives(Evidence.CONFIG_FORMAT) ? now.formatVersion() : from;
        byte[] migrated;
        try {
            byte[] original = services.backups().read(target.device().id(), backup.version());
            migrated = from.isEmpty() && to.isEmpty() ? original
                    : services.migrations().migrate(now.model(), from, to, original);
        } catch (RepositoryException | MigrationException e) {
            throw new StepFailure(e.getMessage(), e);
        }
        Path kept = files.keep(job.id(), to.isEmpty() ? "unknown" : to, migrated);
        String what = from.equals(to)
                ? "format unchanged (" + (from.isEmpty() ? "not read from the device" : from) + ")"
                : "migrated from format " + from + " to " + to + ", kept beside the original as " + kept.getFileName();
        return transit.move(job, RESTORE,
                "configuration " + what + ", validated; commanding the device to fetch it from "
                        + plumbing.where(),
                r -> r.withMigrated(new MigratedConfig(kept, Digests.sha256(migrated))));
    }

    StoredJob restore(StoredJob job) throws StepFailure, InterruptedException, StoreException, Superseded {
        MigratedConfig migrated = job.record().requireMigrated();
        if (!migrated.sha256().equals(Digests.sha256(StagedFiles.read(migrated.file())))) {
            throw StepFailure.fatal("the configuration to restore (" + migrated.file() + ") changed on disk");
        }
        String how = plumbing.serve(migrated.file(), OperationType.RESTORE_CONFIG, services.settings().restoreTimeout(),
                false);
        return transit.move(job, VERIFY_RESTORE, "device reports the restore successful (" + how + ")");
    }

    StoredJob verify(StoredJob job) throws StepFailure, InterruptedException, StoreException, Superseded {
        MigratedConfig migrated = job.record().requireMigrated();
        String evidence = check.runs(StagedFiles.read(migrated.file()), migrated.sha256(), "the one served");
        return transit.move(job, DONE, "upgraded to " + job.targetVersion() + "; " + evidence);
    }
}
