package org.uplift.workflow.engine;

import java.time.Duration;

import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.Evidence;
import org.uplift.api.driver.OperationType;
import org.uplift.api.repository.BackupDiff;
import org.uplift.api.repository.ConfigBackup;
import org.uplift.api.repository.RepositoryException;
import org.uplift.api.repository.TransferProgress;
import org.uplift.api.repository.TransferTicket;
import org.uplift.common.text.DeviceText;

/**
 * Whether the device runs a given configuration: by its configuration digest where a driver reads
 * one, else by a fresh backup compared with it, volatile lines ignored. VERIFY_RESTORE and
 * VERIFY_ROLLBACK ask it.
 */
final class ConfigurationCheck {

    private final Services services;
    private final JobTarget target;
    private final StepPlumbing plumbing;

    ConfigurationCheck(Services services, JobTarget target, StepPlumbing plumbing) {
        this.services = services;
        this.target = target;
        this.plumbing = plumbing;
    }

    /** Returns the evidence for the history. */
    String runs(byte[] expected, String expectedSha, String what) throws StepFailure, InterruptedException {
        if (target.reader().gives(Evidence.CONFIG_DIGEST)) {
            DeviceFacts now = plumbing.facts("read the device's configuration digest");
            if (!expectedSha.equals(now.configDigest())) {
                throw new StepFailure(
                        "the device's running configuration (sha256 " + Digests.shortHex(now.configDigest())
                                + ") is not " + what + " (sha256 " + Digests.shortHex(expectedSha) + ")");
            }
            return "running configuration sha256 " + Digests.shortHex(expectedSha) + " (the device's digest) equals "
                    + what;
        }
        DeviceFacts now = plumbing.facts("read the device before the checking backup");
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
        TransferTicket ticket = plumbing.receiveTicket(timeout);
        try {
            plumbing.command(OperationType.BACKUP_CONFIG, ticket, timeout, false);
            TransferProgress progress = plumbing.serverView(ticket);
            if (!progress.completed() || progress.receivedFile() == null) {
                throw new StepFailure("the device reports the checking backup successful but the server received no "
                        + "complete file (" + progress.bytes() + " bytes)");
            }
            return services.backups().store(target.device().id(), StagedFiles.read(progress.receivedFile()),
                    now.runningVersion(), now.formatVersion());
        } catch (RepositoryException e) {
            throw new StepFailure("cannot store the checking backup: " + e.getMessage(), e);
        } finally {
            plumbing.close(ticket);
        }
    }
}
