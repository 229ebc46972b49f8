package org.uplift.workflow.engine;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.uplift.api.migration.MigrationService;
import org.uplift.api.repository.BackupStore;
import org.uplift.api.repository.FileServer;
import org.uplift.api.repository.FirmwareCatalog;

/** What a running job needs from the rest of Uplift, and the workflow's settings. */
record Services(FirmwareCatalog catalog, BackupStore backups, FileServer fileServer, MigrationService migrations,
        Clock clock, Settings settings) {

    record Settings(Duration backupTimeout, Duration updateTimeout, Duration rebootTimeout, Duration restoreTimeout,
            Duration pollInterval, long maxConfigBytes, Path workDirectory, Duration rebootSettle, int silentPolls) {

        static Settings of(WorkflowConfig c, Path workDirectory) {
            return new Settings(Duration.ofSeconds(c.backupTimeoutSeconds()),
                    Duration.ofSeconds(c.updateTimeoutSeconds()),
                    Duration.ofSeconds(c.rebootTimeoutSeconds()), Duration.ofSeconds(c.restoreTimeoutSeconds()),
                    Duration.ofMillis(c.pollIntervalMillis()), c.maxConfigBytes(), workDirectory,
                    Duration.ofMillis(c.rebootSettleMillis()), c.rebootSilentPolls());
        }

        /** A ticket outlives its step so a slow device is failed by the step's time-out, not by the ticket. */
        Duration ticketTtl(Duration stepTimeout) {
            return stepTimeout.plusMinutes(1);
        }
    }
}
