package org.uplift.workflow.engine;

import static org.uplift.api.workflow.JobState.BACKUP;
import static org.uplift.api.workflow.JobState.DONE;
import static org.uplift.api.workflow.JobState.FAILED;
import static org.uplift.api.workflow.JobState.KEEP_OLD_VERSION;
import static org.uplift.api.workflow.JobState.MIGRATE_CONFIG;
import static org.uplift.api.workflow.JobState.RESTORE;
import static org.uplift.api.workflow.JobState.UPDATE;
import static org.uplift.api.workflow.JobState.VERIFY_BACKUP;
import static org.uplift.api.workflow.JobState.VERIFY_RESTORE;
import static org.uplift.api.workflow.JobState.VERIFY_UPDATE;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.OperationRequest;
import org.uplift.api.driver.OperationType;
import org.uplift.api.migration.MigrationException;
import org.uplift.api.repository.ConfigBackup;
import org.uplift.api.repository.Endpoint;
import org.uplift.api.repository.RepositoryException;
import org.uplift.api.repository.TransferProgress;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.repository.TransferTicket;
import org.uplift.api.workflow.JobState;

/**
 * Runs one job through the happy path of claims 1, 5, 11 and 15. Each step succeeds only on
 * evidence from both sides: the device's report and the server's own observation.
 */
final class UpgradeRun implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(UpgradeRun.class);

    private final JobRecord job;
    private final Device device;
    private final DeviceDriver driver;
    private final Services services;
    private final BiConsumer<JobRecord, JobState> onTransition;
    private final OperationWatcher watcher;

    private InetAddress deviceAddress;
    private DeviceFacts before;
    private ConfigBackup backup;
    private byte[] restoredConfig;

    UpgradeRun(JobRecord job, Device device, DeviceDriver driver, Services services,
            BiConsumer<JobRecord, JobState> onTransition) {
        this.job = job;
        this.device = device;
        this.driver = driver;
        this.services = services;
        this.onTransition = onTransition;
        this.watcher = new OperationWatcher(services.settings().pollInterval());
    }

    @Override
    public void run() {
        try {
            deviceAddress = resolve();
            before = facts("read the device before the upgrade");
            backup();
            keepOldVersion();
            update();
            migrateAndRestore();
            enter(DONE, "upgraded to " + job.targetVersion() + "; configuration restored and verified");
        } catch (StepFailure e) {
            fail(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted: Uplift stopped while the job ran");
        } catch (RuntimeException e) {
            LOG.error("Job {} on device {} failed unexpectedly", job.id(), device.id(), e);
            fail("internal error: " + e);
        }
    }

    private void backup() throws StepFailure, InterruptedException {
        Duration timeout = services.settings().backupTimeout();
        TransferTicket ticket = receiveTicket(timeout);
        try {
            enter(BACKUP, "commanding the device to upload its configuration to " + where());
            command(OperationType.BACKUP_CONFIG, ticket, timeout, false);
            enter(VERIFY_BACKUP, "device reports the backup successful");
            backup = verifyBackup(ticket);
        } finally {
            services.fileServer().close(ticket.id());
        }
    }

    private ConfigBackup verifyBackup(TransferTicket ticket) throws StepFailure {
        TransferProgress progress = services.fileServer().progress(ticket.id())
                .orElseThrow(() -> new StepFailure("the server lost track of the backup transfer"));
        if (!progress.completed() || progress.receivedFile() == null) {
            throw new StepFailure("the device reports success but the server received no complete file ("
                    + progress.bytes() + " bytes" + (progress.error() == null ? "" : ", " + progress.error()) + ")");
        }
        byte[] content = read(progress.receivedFile());
        if (content.length == 0) {
            throw new StepFailure("the backup file arrived empty");
        }
        String sha = Digests.sha256(content);
        if (!before.configDigest().isEmpty() && !before.configDigest().equals(sha)) {
            throw new StepFailure("the backup file (sha256 " + Digests.shortHex(sha)
                    + ") differs from the device's running configuration (sha256 " + Digests.shortHex(before.configDigest()) + ")");
        }
        try {
            return services.backups().store(device.id(), content, before.runningVersion(), before.formatVersion());
        } catch (RepositoryException e) {
            throw new StepFailure("cannot store the backup: " + e.getMessage(), e);
        }
    }

    private void keepOldVersion() throws StepFailure {
        enter(KEEP_OLD_VERSION, "backup v" + backup.version() + " stored: " + backup.size() + " bytes, sha256 "
                + Digests.shortHex(backup.sha256()) + (before.configDigest().isEmpty() ? "" : ", equal to the device's digest")
                + "; the device keeps its running software " + before.runningVersion() + " for roll-back");
    }

    private void update() throws StepFailure, InterruptedException {
        Duration timeout = services.settings().updateTimeout();
        Path image;
        try {
            image = services.catalog().verifiedFile(job.firmwareId());
        } catch (RepositoryException e) {
            throw new StepFailure(e.getMessage(), e);
        }
        TransferTicket ticket = offerTicket(image, timeout);
        DeviceFacts atUpdate;
        long atUpdateNanos;
        try {
            atUpdate = facts("read the device before the update");
            // taken after the answer: a slow answer then makes a restart look less likely, never more
            atUpdateNanos = System.nanoTime();
            enter(UPDATE, "commanding the device to download and load " + job.firmwareId() + " from " + where());
            command(OperationType.DOWNLOAD_FIRMWARE, ticket, timeout, true);
            long served = services.fileServer().progress(ticket.id()).map(TransferProgress::bytes).orElse(0L);
            enter(VERIFY_UPDATE, "device accepted the image (" + served + " bytes served); waiting for it to run "
                    + job.targetVersion());
        } finally {
            services.fileServer().close(ticket.id());
        }
        verifyUpdate(atUpdate, atUpdateNanos);
    }

    /**
     * Verified only once the device has restarted (it fell silent, or its sysUpTime went back) and
     * then reports the target version as running: a device may announce the new version before it
     * reloads, and a restore sent then would be lost in the reboot.
     */
    private void verifyUpdate(DeviceFacts atUpdate, long atUpdateNanos) throws StepFailure, InterruptedException {
        Duration timeout = services.settings().rebootTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean fellSilent = false;
        String lastSeen = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                DeviceFacts now = driver.facts(device);
                if (fellSilent || restarted(atUpdate, atUpdateNanos, now)) {
                    checkRunsTarget(now);
                    return;
                }
                lastSeen = "still up since before the update, reporting " + now.runningVersion();
            } catch (DeviceException e) {
                if (!e.unreachable()) {
                    throw new StepFailure("cannot read the device after the update: " + e.getMessage(), e);
                }
                fellSilent = true;
                lastSeen = "no answer (rebooting?)";
            }
            Thread.sleep(services.settings().pollInterval().toMillis());
        }
        throw new StepFailure("time-out: the device did not restart running " + job.targetVersion() + " within "
                + timeout.toSeconds() + " s (last seen: " + lastSeen + ")");
    }

    /** Without a restart sysUpTime only grows; a value below what it must have reached by now means a reboot. */
    private static boolean restarted(DeviceFacts atUpdate, long atUpdateNanos, DeviceFacts now) {
        long elapsedCentis = (System.nanoTime() - atUpdateNanos) / 10_000_000L;
        long slackCentis = 100;
        return now.sysUpTime() + slackCentis < atUpdate.sysUpTime() + elapsedCentis;
    }

    private void checkRunsTarget(DeviceFacts now) throws StepFailure {
        if (!job.targetVersion().equals(now.runningVersion())) {
            throw new StepFailure("the device restarted but runs " + now.runningVersion() + ", not " + job.targetVersion());
        }
        if (!before.runningVersion().equals(now.keptVersion())) {
            throw new StepFailure("device runs " + now.runningVersion() + " but keeps '" + now.keptVersion()
                    + "' instead of the old version " + before.runningVersion());
        }
    }

    private void migrateAndRestore() throws StepFailure, InterruptedException {
        DeviceFacts after = facts("read the device after the update");
        enter(MIGRATE_CONFIG, "device runs " + after.runningVersion() + " and keeps " + after.keptVersion()
                + "; its configuration format is " + after.formatVersion());
        byte[] original;
        try {
            original = services.backups().read(device.id(), backup.version());
            restoredConfig = services.migrations().migrate(after.model(), backup.formatVersion(), after.formatVersion(), original);
        } catch (RepositoryException | MigrationException e) {
            throw new StepFailure(e.getMessage(), e);
        }
        Path staged = stage(restoredConfig);
        try {
            restore(staged, backup.formatVersion().equals(after.formatVersion())
                    ? "format unchanged (" + after.formatVersion() + ")"
                    : "migrated from format " + backup.formatVersion() + " to " + after.formatVersion());
        } finally {
            deleteQuietly(staged);
        }
    }

    private void restore(Path staged, String migration) throws StepFailure, InterruptedException {
        Duration timeout = services.settings().restoreTimeout();
        TransferTicket ticket = offerTicket(staged, timeout);
        try {
            enter(RESTORE, "configuration " + migration + "; commanding the device to fetch it from " + where());
            command(OperationType.RESTORE_CONFIG, ticket, timeout, false);
            enter(VERIFY_RESTORE, "device reports the restore successful");
        } finally {
            services.fileServer().close(ticket.id());
        }
        String served = Digests.sha256(restoredConfig);
        DeviceFacts now = facts("read the device after the restore");
        if (!served.equals(now.configDigest())) {
            throw new StepFailure("the device's running configuration (sha256 " + Digests.shortHex(now.configDigest())
                    + ") is not the one served (sha256 " + Digests.shortHex(served) + ")");
        }
    }

    private void command(OperationType type, TransferTicket ticket, Duration timeout, boolean rebootExpected)
            throws StepFailure, InterruptedException {
        Endpoint endpoint = endpoint();
        OperationRequest request = new OperationRequest(type, TransferProtocol.TFTP, endpoint.host(), endpoint.port(),
                ticket.fileName(), null, null);
        watcher.run(device, driver, request, timeout, rebootExpected);
    }

    private TransferTicket receiveTicket(Duration stepTimeout) throws StepFailure {
        try {
            return services.fileServer().receive(deviceAddress, services.settings().maxConfigBytes(),
                    services.settings().ticketTtl(stepTimeout));
        } catch (RepositoryException e) {
            throw new StepFailure("cannot open an upload ticket: " + e.getMessage(), e);
        }
    }

    private TransferTicket offerTicket(Path file, Duration stepTimeout) throws StepFailure {
        try {
            return services.fileServer().offer(file, deviceAddress, services.settings().ticketTtl(stepTimeout));
        } catch (RepositoryException e) {
            throw new StepFailure("cannot open a download ticket: " + e.getMessage(), e);
        }
    }

    /** The server as devices are told it, for history messages. */
    private String where() throws StepFailure {
        Endpoint e = endpoint();
        return e.protocol().name().toLowerCase(java.util.Locale.ROOT) + "://" + e.host() + ":" + e.port();
    }

    private Endpoint endpoint() throws StepFailure {
        try {
            return services.fileServer().endpoint(TransferProtocol.TFTP);
        } catch (RepositoryException e) {
            throw new StepFailure(e.getMessage(), e);
        }
    }

    private DeviceFacts facts(String purpose) throws StepFailure {
        try {
            return driver.facts(device);
        } catch (DeviceException e) {
            throw new StepFailure("cannot " + purpose + ": " + e.getMessage(), e);
        }
    }

    private InetAddress resolve() throws StepFailure {
        try {
            return InetAddress.getByName(device.host());
        } catch (UnknownHostException e) {
            throw new StepFailure("cannot resolve device " + device.id() + " host '" + device.host() + "'", e);
        }
    }

    private Path stage(byte[] content) throws StepFailure {
        try {
            Path dir = Files.createDirectories(services.settings().workDirectory());
            Path file = Files.createTempFile(dir, job.id() + "-", ".cfg");
            Files.write(file, content);
            return file;
        } catch (IOException e) {
            throw new StepFailure("cannot stage the configuration to restore: " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) throws StepFailure {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StepFailure("cannot read the received backup: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete staged configuration {}: {}", file, e.getMessage());
        }
    }

    private void enter(JobState state, String message) {
        job.enter(state, message, services.clock());
        onTransition.accept(job, state);
    }

    private void fail(String reason) {
        JobState step = job.state();
        enter(FAILED, step + " failed: " + reason);
        LOG.warn("Job {} on device {} failed in {}: {}", job.id(), device.id(), step, reason);
    }
}
