package org.uplift.workflow.engine;

import static org.uplift.api.workflow.JobState.ABORTED;
import static org.uplift.api.workflow.JobState.BACKUP;
import static org.uplift.api.workflow.JobState.DONE;
import static org.uplift.api.workflow.JobState.KEEP_OLD_VERSION;
import static org.uplift.api.workflow.JobState.MIGRATE_CONFIG;
import static org.uplift.api.workflow.JobState.RESTORE;
import static org.uplift.api.workflow.JobState.ROLLBACK;
import static org.uplift.api.workflow.JobState.UPDATE;
import static org.uplift.api.workflow.JobState.VERIFY_BACKUP;
import static org.uplift.api.workflow.JobState.VERIFY_RESTORE;
import static org.uplift.api.workflow.JobState.VERIFY_ROLLBACK;
import static org.uplift.api.workflow.JobState.VERIFY_UPDATE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

import org.uplift.api.driver.DeviceEvents;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.Evidence;
import org.uplift.api.driver.OperationRequest;
import org.uplift.api.driver.OperationType;
import org.uplift.api.migration.MigrationException;
import org.uplift.api.repository.BackupDiff;
import org.uplift.api.repository.ConfigBackup;
import org.uplift.api.repository.Endpoint;
import org.uplift.api.repository.FirmwareImage;
import org.uplift.api.repository.FtpCredentials;
import org.uplift.api.repository.RepositoryException;
import org.uplift.api.repository.TransferProgress;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.api.repository.TransferTicket;
import org.uplift.common.files.PrivateFiles;
import org.uplift.common.text.DeviceText;
import org.uplift.workflow.store.StoreException;
import org.uplift.workflow.store.StoredJob;

/**
 * What each state does, for one job. Every step succeeds only on evidence from both sides: the
 * device's report and the server's own observation. A step leaves the job in its next state (stored
 * first) or throws {@link StepFailure}.
 */
final class Steps {

    /** How long the server may lag behind the device's report of a finished upload. */
    private static final Duration SERVER_GRACE = Duration.ofSeconds(5);

    private final Services services;
    private final Transit transit;
    private final JobTarget target;
    private final OperationWatcher watcher;
    private final LiveTransfers live;
    private final String jobId;
    private final RebootWatch reboots;

    Steps(Services services, Transit transit, JobTarget target, Supplier<DeviceEvents> events,
            LiveTransfers live, String jobId) {
        this.live = live;
        this.jobId = jobId;
        this.services = services;
        this.transit = transit;
        this.target = target;
        this.watcher = new OperationWatcher(services.settings().pollInterval(), events, services.settings().silentPolls());
        this.reboots = new RebootWatch(() -> target.reader().read(target.device()), services.clock(),
                services.settings().pollInterval(), services.settings().rebootSettle(), services.settings().silentPolls());
    }

    /** Runs the step of the job's current state. */
    StoredJob run(StoredJob job) throws StepFailure, InterruptedException, StoreException, Superseded {
        return switch (job.state()) {
            case PENDING -> begin(job);
            case BACKUP -> backup(job);
            case VERIFY_BACKUP -> transit.move(job, BACKUP, "the uploaded file did not survive a restart of Uplift: backing up again (safe to repeat)");
            case KEEP_OLD_VERSION -> transit.move(job, UPDATE, "commanding the device to download and load "
                    + job.firmwareId() + " from " + where());
            case UPDATE -> update(job);
            case VERIFY_UPDATE -> verifyUpdate(job);
            case MIGRATE_CONFIG -> migrate(job);
            case RESTORE -> restore(job);
            case VERIFY_RESTORE -> verifyRestore(job);
            case ROLLBACK -> rollback(job);
            case VERIFY_ROLLBACK -> transit.move(job, ROLLBACK, "Uplift restarted while verifying the roll-back: checking again");
            default -> throw new IllegalStateException("no step for " + job.state());
        };
    }

    /** A firmware-only plan starts at the update, remembering the version to return to. */
    private StoredJob begin(StoredJob job) throws StepFailure, StoreException, Superseded {
        if (!new JobContext(job.context()).plan().firmwareOnly()) {
            return transit.move(job, BACKUP, "commanding the device to upload its configuration to " + where());
        }
        DeviceFacts now = facts("read the device before the update");
        return transit.move(job, KEEP_OLD_VERSION, "firmware-only plan (the configuration comes from provisioning); "
                + "the device runs " + now.runningVersion() + ", the version a roll-back returns to",
                JobContext.of(JobContext.OLD_VERSION, now.runningVersion()));
    }

    private StoredJob backup(StoredJob job) throws StepFailure, InterruptedException, StoreException, Superseded {
        DeviceFacts before = facts("read the device before the backup");
        Duration timeout = services.settings().backupTimeout();
        TransferTicket ticket = receiveTicket(timeout);
        try {
            String how = command(OperationType.BACKUP_CONFIG, ticket, timeout, false);
            StoredJob verifying = transit.move(job, VERIFY_BACKUP, "device reports the backup successful (" + how + ")");
            ConfigBackup backup = verifyBackup(ticket, before);
            String fits = fitsTarget(job, before, backup);
            return transit.move(verifying, KEEP_OLD_VERSION, "backup v" + backup.version() + " stored: " + backup.size()
                    + " bytes, sha256 " + Digests.shortHex(backup.sha256())
                    + (before.configDigest().isEmpty() ? " (the device offers no digest to compare it with)"
                            : ", equal to the device's digest")
                    + "; " + fits + "; the device keeps its running software " + before.runningVersion() + " for roll-back",
                    JobContext.of(JobContext.OLD_VERSION, before.runningVersion(),
                            JobContext.BACKUP_VERSION, Integer.toString(backup.version()),
                            JobContext.BACKUP_SHA, backup.sha256(), JobContext.BACKUP_FORMAT, before.formatVersion()));
        } finally {
            close(ticket);
        }
    }

    private ConfigBackup verifyBackup(TransferTicket ticket, DeviceFacts before) throws StepFailure, InterruptedException {
        TransferProgress progress = serverView(ticket);
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
            return services.backups().store(target.device().id(), content, before.runningVersion(), before.formatVersion());
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

    /**
     * The server's own view of an upload. A device's report (a notification above all) may arrive a
     * moment before the server has written the last block to disk, so the server gets a short grace.
     */
    private TransferProgress serverView(TransferTicket ticket) throws StepFailure, InterruptedException {
        long deadline = System.nanoTime() + SERVER_GRACE.toNanos();
        while (true) {
            TransferProgress progress = services.fileServer().progress(ticket.id())
                    .orElseThrow(() -> new StepFailure("the server lost track of the backup transfer"));
            if (progress.completed() || System.nanoTime() > deadline) {
                return progress;
            }
            Thread.sleep(50);
        }
    }

    /** Re-entered after a restart only if the device still runs the old version; never loads twice blindly. */
    private StoredJob update(StoredJob job) throws StepFailure, InterruptedException, StoreException, Superseded {
        JobContext ctx = new JobContext(job.context());
        DeviceFacts atUpdate = facts("read the device before the update");
        long atUpdateMillis = services.clock().millis();
        if (job.targetVersion().equals(atUpdate.runningVersion())) {
            // the restart already happened while Uplift was down: count it as seen
            return transit.move(job, VERIFY_UPDATE, "the device already runs " + job.targetVersion()
                    + " (the update was under way when Uplift restarted): verifying",
                    JobContext.of(JobContext.UPDATE_RESTARTED, "true",
                            JobContext.UPDATE_UPTIME, Long.toString(atUpdate.sysUpTime()),
                            JobContext.UPDATE_BOOTS, Long.toString(atUpdate.engineBoots()),
                            JobContext.UPDATE_AT, Long.toString(atUpdateMillis)));
        }
        if (!ctx.get(JobContext.OLD_VERSION).equals(atUpdate.runningVersion())) {
            throw new StepFailure("before the update the device runs " + atUpdate.runningVersion() + ", expected "
                    + ctx.get(JobContext.OLD_VERSION) + " (changed by someone else?)");
        }
        Duration timeout = services.settings().updateTimeout();
        Path image;
        try {
            image = services.catalog().verifiedFile(job.firmwareId());
        } catch (RepositoryException e) {
            throw new StepFailure(e.getMessage(), e);
        }
        TransferTicket ticket = offerTicket(image, timeout);
        try {
            String how = command(OperationType.DOWNLOAD_FIRMWARE, ticket, timeout, true);
            long served = services.fileServer().progress(ticket.id()).map(TransferProgress::bytes).orElse(0L);
            return transit.move(job, VERIFY_UPDATE, "device accepted the image (" + served
                    + " bytes served; " + how + "); waiting for it to restart running " + job.targetVersion(),
                    JobContext.of(JobContext.UPDATE_RESTARTED, "false",
                            JobContext.UPDATE_UPTIME, Long.toString(atUpdate.sysUpTime()),
                            JobContext.UPDATE_BOOTS, Long.toString(atUpdate.engineBoots()),
                            JobContext.UPDATE_AT, Long.toString(atUpdateMillis)));
        } finally {
            close(ticket);
        }
    }

    /**
     * Verified only once the device has restarted (its sysUpTime went back, or snmpEngineBoots rose),
     * answered steadily for the settle period, and reports the target version as running: a device may
     * announce the new version before it reloads, and a restore sent then would be lost in the reboot.
     */
    private StoredJob verifyUpdate(StoredJob job) throws StepFailure, InterruptedException, StoreException, Superseded {
        JobContext ctx = new JobContext(job.context());
        DeviceFacts before = "true".equals(ctx.getOrNull(JobContext.UPDATE_RESTARTED)) ? null
                : new DeviceFacts("", Long.parseLong(ctx.get(JobContext.UPDATE_UPTIME)), "", "", "", "", "",
                        Long.parseLong(ctx.getOrDefault(JobContext.UPDATE_BOOTS, "-1")));
        RebootWatch.Seen seen = reboots.await(before, Long.parseLong(ctx.get(JobContext.UPDATE_AT)),
                services.settings().rebootTimeout(), "running " + job.targetVersion());
        DeviceFacts now = seen.facts();
        if (!job.targetVersion().equals(now.runningVersion())) {
            throw new StepFailure("the device " + seen.how() + " but runs " + now.runningVersion() + ", not "
                    + job.targetVersion());
        }
        String kept = "";
        if (target.reader().gives(Evidence.KEPT_VERSION)) {
            if (!ctx.get(JobContext.OLD_VERSION).equals(now.keptVersion())) {
                throw new StepFailure("device runs " + now.runningVersion() + " but keeps '" + now.keptVersion()
                        + "' instead of the old version " + ctx.get(JobContext.OLD_VERSION));
            }
            kept = " and keeps " + now.keptVersion();
        } else {
            kept = " (it keeps no readable old version: a roll-back downloads "
                    + ctx.getOrDefault(JobContext.OLD_FIRMWARE, ctx.get(JobContext.OLD_VERSION)) + " again)";
        }
        if (ctx.plan().firmwareOnly()) {
            return transit.move(job, DONE, "upgraded to " + now.runningVersion() + ": the device " + seen.how()
                    + ", runs " + now.runningVersion() + kept + "; its configuration comes from provisioning");
        }
        return transit.move(job, MIGRATE_CONFIG, "the device " + seen.how() + ", runs " + now.runningVersion() + kept
                + (now.formatVersion().isEmpty() ? "" : "; its configuration format is " + now.formatVersion()));
    }

    private StoredJob migrate(StoredJob job) throws StepFailure, StoreException, Superseded {
        JobContext ctx = new JobContext(job.context());
        DeviceFacts now = facts("read the device's configuration format");
        String from = ctx.get(JobContext.BACKUP_FORMAT);
        String to = target.reader().gives(Evidence.CONFIG_FORMAT) ? now.formatVersion() : from;
        byte[] migrated;
        try {
            byte[] original = services.backups().read(target.device().id(), Integer.parseInt(ctx.get(JobContext.BACKUP_VERSION)));
            migrated = from.isEmpty() && to.isEmpty() ? original
                    : services.migrations().migrate(now.model(), from, to, original);
        } catch (RepositoryException | MigrationException e) {
            throw new StepFailure(e.getMessage(), e);
        }
        Path kept = keep(job, to.isEmpty() ? "unknown" : to, migrated);
        String what = from.equals(to) ? "format unchanged (" + (from.isEmpty() ? "not read from the device" : from) + ")"
                : "migrated from format " + from + " to " + to + ", kept beside the original as " + kept.getFileName();
        return transit.move(job, RESTORE, "configuration " + what + ", validated; commanding the device to fetch it from "
                + where(), JobContext.of(JobContext.MIGRATED_FILE, kept.toString(),
                        JobContext.MIGRATED_SHA, Digests.sha256(migrated)));
    }

    private StoredJob restore(StoredJob job) throws StepFailure, InterruptedException, StoreException, Superseded {
        JobContext ctx = new JobContext(job.context());
        Path file = Path.of(ctx.get(JobContext.MIGRATED_FILE));
        String expected = ctx.get(JobContext.MIGRATED_SHA);
        if (!expected.equals(Digests.sha256(read(file)))) {
            throw StepFailure.fatal("the configuration to restore (" + file + ") changed on disk");
        }
        Duration timeout = services.settings().restoreTimeout();
        TransferTicket ticket = offerTicket(file, timeout);
        String how;
        try {
            how = command(OperationType.RESTORE_CONFIG, ticket, timeout, false);
        } finally {
            close(ticket);
        }
        return verifyRestore(transit.move(job, VERIFY_RESTORE, "device reports the restore successful (" + how + ")"));
    }

    private StoredJob verifyRestore(StoredJob job) throws StepFailure, InterruptedException, StoreException, Superseded {
        JobContext ctx = new JobContext(job.context());
        String served = ctx.get(JobContext.MIGRATED_SHA);
        String evidence = runsConfiguration(read(Path.of(ctx.get(JobContext.MIGRATED_FILE))), served, "the one served");
        return transit.move(job, DONE, "upgraded to " + job.targetVersion() + "; " + evidence);
    }

    /**
     * Whether the device runs the given configuration: by its configuration digest where a driver reads
     * one, else by a fresh backup compared with it, volatile lines ignored. Returns the evidence for the
     * history.
     */
    private String runsConfiguration(byte[] expected, String expectedSha, String what)
            throws StepFailure, InterruptedException {
        if (target.reader().gives(Evidence.CONFIG_DIGEST)) {
            DeviceFacts now = facts("read the device's configuration digest");
            if (!expectedSha.equals(now.configDigest())) {
                throw new StepFailure("the device's running configuration (sha256 " + Digests.shortHex(now.configDigest())
                        + ") is not " + what + " (sha256 " + Digests.shortHex(expectedSha) + ")");
            }
            return "running configuration sha256 " + Digests.shortHex(expectedSha) + " (the device's digest) equals "
                    + what;
        }
        DeviceFacts now = facts("read the device before the checking backup");
        ConfigBackup fresh = freshBackup(now);
        BackupDiff diff;
        try {
            diff = services.backups().diff(target.device().id(), fresh.version(), expected, what);
        } catch (RepositoryException e) {
            throw new StepFailure("cannot compare the checking backup with " + what + ": " + e.getMessage(), e);
        }
        if (!diff.identical()) {
            throw new StepFailure("the device's running configuration (checking backup v" + fresh.version()
                    + ") is not " + what + ": " + DeviceText.firstChanges(diff.lines(), 3));
        }
        return "a checking backup (v" + fresh.version() + ") equals " + what
                + (diff.ignoredLines() == 0 ? "" : " but for " + diff.ignoredLines() + " volatile line(s)")
                + " (the device offers no configuration digest)";
    }

    /** Has the device upload its running configuration again, and stores it. */
    private ConfigBackup freshBackup(DeviceFacts now) throws StepFailure, InterruptedException {
        Duration timeout = services.settings().backupTimeout();
        TransferTicket ticket = receiveTicket(timeout);
        try {
            command(OperationType.BACKUP_CONFIG, ticket, timeout, false);
            TransferProgress progress = serverView(ticket);
            if (!progress.completed() || progress.receivedFile() == null) {
                throw new StepFailure("the device reports the checking backup successful but the server received no "
                        + "complete file (" + progress.bytes() + " bytes)");
            }
            return services.backups().store(target.device().id(), read(progress.receivedFile()), now.runningVersion(),
                    now.formatVersion());
        } catch (RepositoryException e) {
            throw new StepFailure("cannot store the checking backup: " + e.getMessage(), e);
        } finally {
            close(ticket);
        }
    }

    /**
     * Returns the device to the software it kept, or to the old image downloaded again where it keeps
     * none, and to its backed-up configuration (claim 10), then goes on with the update or ends the job.
     * A roll-back that cannot be done is fatal: the operator must act by hand and the history says what
     * the device runs.
     */
    private StoredJob rollback(StoredJob job) throws StepFailure, InterruptedException, StoreException, Superseded {
        JobContext ctx = new JobContext(job.context());
        String old = ctx.get(JobContext.OLD_VERSION);
        String oldImage = ctx.getOrNull(JobContext.OLD_FIRMWARE);
        boolean config = ctx.getOrNull(JobContext.BACKUP_SHA) != null;
        DeviceFacts now = facts("read the device before the roll-back");
        String how = "";
        try {
            if (!old.equals(now.runningVersion())) {
                long at = services.clock().millis();
                if (oldImage != null) {
                    downloadAgain(oldImage);
                    how = "; " + oldImage + " downloaded again";
                } else {
                    command(OperationType.ROLLBACK_FIRMWARE, null, services.settings().updateTimeout(), true);
                    how = "; commanded back to its kept version";
                }
                now = reboots.await(now, at, services.settings().rebootTimeout(), "running " + old).facts();
            }
            if (!old.equals(now.runningVersion())) {
                throw StepFailure.fatal("roll-back failed: the device runs " + now.runningVersion() + ", not " + old
                        + "; manual action needed");
            }
            if (config && !(target.reader().gives(Evidence.CONFIG_DIGEST)
                    && ctx.get(JobContext.BACKUP_SHA).equals(now.configDigest()))) {
                restoreOriginal(ctx);
            }
        } catch (StepFailure e) {
            throw e.isFatal() ? e : StepFailure.fatal("roll-back failed: " + e.getMessage() + "; manual action needed");
        }
        StoredJob verifying = transit.move(job, VERIFY_ROLLBACK, "device back on " + old + how
                + (config ? " with its backed-up configuration" : ""));
        DeviceFacts back = facts("verify the roll-back");
        if (!old.equals(back.runningVersion())) {
            throw StepFailure.fatal("roll-back not verified: the device runs " + back.runningVersion() + "; manual action needed");
        }
        String evidence = "device runs " + old;
        if (config) {
            try {
                evidence += "; " + runsConfiguration(original(ctx), ctx.get(JobContext.BACKUP_SHA), "its backed-up configuration");
            } catch (StepFailure e) {
                throw StepFailure.fatal("roll-back not verified: " + e.getMessage() + "; manual action needed");
            }
        }
        if ("RETRY".equals(ctx.getOrNull(JobContext.AFTER_ROLLBACK))) {
            return transit.move(verifying, UPDATE, evidence + "; retrying the update");
        }
        return transit.move(verifying, ABORTED, evidence + "; job ended by decision");
    }

    /** Where the device keeps no old version: the old image, pinned in the catalogue while the job lives, served again. */
    private void downloadAgain(String firmwareId) throws StepFailure, InterruptedException {
        Path image;
        try {
            image = services.catalog().verifiedFile(firmwareId);
        } catch (RepositoryException e) {
            throw StepFailure.fatal("the old image " + firmwareId + " cannot be served again: " + e.getMessage());
        }
        Duration timeout = services.settings().updateTimeout();
        TransferTicket ticket = offerTicket(image, timeout);
        try {
            command(OperationType.DOWNLOAD_FIRMWARE, ticket, timeout, true);
        } finally {
            close(ticket);
        }
    }

    private byte[] original(JobContext ctx) throws StepFailure {
        try {
            return services.backups().read(target.device().id(), Integer.parseInt(ctx.get(JobContext.BACKUP_VERSION)));
        } catch (RepositoryException e) {
            throw StepFailure.fatal("cannot read the original backup: " + e.getMessage());
        }
    }

    private void restoreOriginal(JobContext ctx) throws StepFailure, InterruptedException {
        Path staged = stage("original", original(ctx));
        TransferTicket ticket = offerTicket(staged, services.settings().restoreTimeout());
        try {
            command(OperationType.RESTORE_CONFIG, ticket, services.settings().restoreTimeout(), false);
        } finally {
            close(ticket);
            deleteQuietly(staged);
        }
    }

    /** Returns what told Uplift the operation ended: a notification or polling. */
    private String command(OperationType type, TransferTicket ticket, Duration timeout, boolean rebootExpected)
            throws StepFailure, InterruptedException {
        Endpoint endpoint = endpoint();
        FtpCredentials login = ticket == null || endpoint.protocol() != TransferProtocol.FTP ? null
                : services.fileServer().ftpCredentials(ticket.id()).orElseThrow(() -> new StepFailure(
                        "the FTP server issued no login for the transfer (is FTP enabled in org.uplift.tftp?)"));
        OperationRequest request = new OperationRequest(type, endpoint.protocol(), endpoint.host(), endpoint.port(),
                ticket == null ? null : ticket.fileName(), login == null ? null : login.user(),
                login == null ? null : login.password());
        return watcher.run(target.device(), target.driverFor(type), request, timeout, rebootExpected).how();
    }

    private TransferTicket receiveTicket(Duration stepTimeout) throws StepFailure {
        try {
            TransferTicket ticket = services.fileServer().receive(target.address(), target.alsoFrom(),
                    services.settings().maxConfigBytes(), services.settings().ticketTtl(stepTimeout));
            live.watch(jobId, ticket.id(), -1);
            return ticket;
        } catch (RepositoryException e) {
            throw new StepFailure("cannot open an upload ticket: " + e.getMessage(), e);
        }
    }

    private TransferTicket offerTicket(Path file, Duration stepTimeout) throws StepFailure {
        try {
            TransferTicket ticket = services.fileServer().offer(file, target.address(), target.alsoFrom(),
                    services.settings().ticketTtl(stepTimeout));
            live.watch(jobId, ticket.id(), sizeOf(file));
            return ticket;
        } catch (RepositoryException e) {
            throw new StepFailure("cannot open a download ticket: " + e.getMessage(), e);
        }
    }

    private void close(TransferTicket ticket) {
        live.clear(jobId, ticket.id());
        services.fileServer().close(ticket.id());
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1; // only a progress display reads it
        }
    }

    /** The server as devices are told it, for history messages. */
    private String where() throws StepFailure {
        Endpoint e = endpoint();
        // an IPv6 literal in brackets, as in a URL: ftp://[::1]:2121, not ftp://::1:2121
        String host = e.host().contains(":") && !e.host().startsWith("[") ? "[" + e.host() + "]" : e.host();
        return e.protocol().name().toLowerCase(Locale.ROOT) + "://" + host + ":" + e.port();
    }

    private Endpoint endpoint() throws StepFailure {
        try {
            Endpoint server = services.fileServer().endpoint(target.device().transfer());
            // behind NAT or on a multi-homed host a device reaches the server at its own address for it
            String host = target.device().serverAddress();
            return host == null ? server : new Endpoint(server.protocol(), host, server.port());
        } catch (RepositoryException e) {
            throw new StepFailure(e.getMessage(), e);
        }
    }

    private DeviceFacts facts(String purpose) throws StepFailure {
        try {
            return target.reader().read(target.device());
        } catch (DeviceException e) {
            throw new StepFailure("cannot " + purpose + ": " + e.getMessage(), e);
        }
    }

    /**
     * The migrated configuration is kept in the job's work folder (0600 in 0700: it holds the device's
     * secrets) while the job lives; the original stays in the backup store.
     */
    private Path keep(StoredJob job, String format, byte[] content) throws StepFailure {
        try {
            Path dir = PrivateFiles.directory(PrivateFiles.directory(services.settings().workDirectory()).resolve(job.id()));
            return PrivateFiles.write(dir.resolve("configuration-format-" + format + ".cfg"), content);
        } catch (IOException e) {
            throw new StepFailure("cannot keep the configuration to restore: " + e.getMessage(), e);
        }
    }

    private Path stage(String name, byte[] content) throws StepFailure {
        try {
            return PrivateFiles.writeTemp(PrivateFiles.directory(services.settings().workDirectory()), name + "-", ".cfg",
                    content);
        } catch (IOException e) {
            throw new StepFailure("cannot stage a configuration: " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) throws StepFailure {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new StepFailure("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover staging file is harmless; the next activation of the file server cleans up
        }
    }
}
