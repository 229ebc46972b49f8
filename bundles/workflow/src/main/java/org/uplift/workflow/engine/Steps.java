package org.uplift.workflow.engine;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.uplift.api.driver.DeviceEvents;
import org.uplift.workflow.store.StoreException;
import org.uplift.workflow.store.StoredJob;

/**
 * What each state does, for one job. Every step succeeds only on evidence from both sides: the
 * device's report and the server's own observation. A step leaves the job in its next state (stored
 * first, through {@link Transitions}) or throws {@link StepFailure}; what it learnt goes into the job's
 * record with that move.
 */
final class Steps implements AutoCloseable {

    private final BackupSteps backups;
    private final UpdateSteps updates;
    private final RestoreSteps restores;
    private final RollbackSteps rollbacks;

    Steps(Services services, Transit transit, JobTarget target, Supplier<DeviceEvents> events,
            LiveTransfers live, String jobId) {
        StepPlumbing plumbing = new StepPlumbing(services, target, events, live, jobId);
        StagedFiles files = new StagedFiles(services.settings().workDirectory());
        ConfigurationCheck check = new ConfigurationCheck(services, target, plumbing);
        RebootWatch reboots = new RebootWatch(() -> target.reader().read(target.device()), services.clock(),
                services.settings().pollInterval(), services.settings().rebootSettle(),
                services.settings().silentPolls(), since -> {
                    DeviceEvents notifications = events.get();
                    return notifications == null ? new CompletableFuture<>()
                            : notifications.restart(target.device(), since);
                });
        this.backups = new BackupSteps(services, transit, target, plumbing);
        this.updates = new UpdateSteps(services, transit, target, plumbing, reboots);
        this.restores = new RestoreSteps(services, transit, target, plumbing, files, check);
        this.rollbacks = new RollbackSteps(services, transit, target, plumbing, files, check, reboots);
    }

    /** Runs the step of the job's current state. */
    StoredJob run(StoredJob job) throws StepFailure, InterruptedException, StoreException, Superseded {
        return switch (job.state()) {
            case PENDING -> backups.begin(job);
            case BACKUP -> backups.backup(job);
            case VERIFY_BACKUP -> backups.verify(job);
            case KEEP_OLD_VERSION -> updates.keepOldVersion(job);
            case UPDATE -> updates.update(job);
            case VERIFY_UPDATE -> updates.verify(job);
            case MIGRATE_CONFIG -> restores.migrate(job);
            case RESTORE -> restores.restore(job);
            case VERIFY_RESTORE -> restores.verify(job);
            case ROLLBACK -> rollbacks.rollback(job);
            case VERIFY_ROLLBACK -> rollbacks.verify(job);
            default -> throw new IllegalStateException("no step for " + job.state());
        };
    }

    /** Gives back what a step handed over to the next and the job stopped before using. */
    @Override
    public void close() {
        backups.close();
    }
}
