package org.uplift.shell;

import java.util.Set;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.migration.MigrationService;
import org.uplift.api.migration.MigrationStep;
import org.uplift.api.repository.BackupDiff;
import org.uplift.api.repository.BackupStore;
import org.uplift.api.repository.ConfigBackup;
import org.uplift.shell.completers.DeviceIdCompleter;

@Service
@Command(scope = "uplift", name = "config-migrate", description = "Converts a device's backed-up configuration to another format version and shows the unified diff.",
        detailedDescription = "The source is the device's newest backup, or <device>:<version>. The result is validated in the target format.\n"
                + "Without --dry-run it is stored as a new backup version of the device (the original stays).\n"
                + "Example: uplift:config-migrate --to 3 --dry-run iad-1")
public class ConfigMigrateCommand implements Action {

    @Reference
    private BackupStore backups;

    @Reference
    private MigrationService migrations;

    @Argument(index = 0, name = "backup", description = "<device> (its newest backup) or <device>:<version>", required = true)
    @Completion(DeviceIdCompleter.class)
    private String source;

    @Option(name = "--to", aliases = "-t", description = "Target configuration format version", required = true)
    private String to;

    @Option(name = "--model", aliases = "-m", description = "Device model (default: the only model with migrators)")
    private String model;

    @Option(name = "--dry-run", aliases = "-n", description = "Only show what would change")
    private boolean dryRun;

    @Override
    public Object execute() throws Exception {
        ConfigBackup backup = resolve();
        String forModel = model != null ? model : onlyModel();
        byte[] migrated = migrations.migrate(forModel, backup.formatVersion(), to,
                backups.read(backup.deviceId(), backup.version()));
        BackupDiff diff;
        if (dryRun) {
            diff = backups.diff(backup.deviceId(), backup.version(), migrated, "migrated to format " + to + " (not stored)");
        } else {
            ConfigBackup stored = backups.store(backup.deviceId(), migrated, backup.firmwareVersion(), to);
            System.out.println("Stored as version " + stored.version() + " of " + stored.deviceId() + " (format " + to
                    + "); version " + backup.version() + " is kept");
            diff = backups.diff(backup.deviceId(), backup.version(), stored.version());
        }
        diff.lines().forEach(System.out::println);
        if (diff.identical()) {
            System.out.println("No change: format " + backup.formatVersion() + " and " + to + " read the same here");
        }
        return null;
    }

    private ConfigBackup resolve() {
        int colon = source.lastIndexOf(':');
        String device = colon < 0 ? source : source.substring(0, colon);
        if (colon < 0) {
            return backups.latest(device).orElseThrow(() -> new IllegalArgumentException(
                    "device " + device + " has no backup: see uplift:backups"));
        }
        int version = Integer.parseInt(source.substring(colon + 1));
        return backups.history(device).stream().filter(b -> b.version() == version).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("device " + device + " has no backup version " + version
                        + ": see uplift:backups " + device));
    }

    private String onlyModel() {
        Set<String> models = migrations.steps().stream().map(MigrationStep::model).collect(Collectors.toSet());
        if (models.size() != 1) {
            throw new IllegalArgumentException("say which model with --model (migrators are registered for " + models + ")");
        }
        return models.iterator().next();
    }
}
