package org.uplift.shell;

import java.util.Set;
import java.util.stream.Collectors;

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
@Command(scope = "uplift", name = "config-migrate", description = "Converts a device's backed-up configuration to another format version and shows the unified diff.", detailedDescription = """
        The source is the device's newest backup, or <device>:<version> (versions: uplift:backups <device>). \
        The shortest chain of migrators is used (uplift:migrations lists them) and the result is validated \
        in the target format.
        Without --dry-run the result is stored as a new backup version of the device; the original stays.
        Default --model: the only model that has migrators.
        Examples:
          uplift:config-migrate --to 3 --dry-run iad-1
          uplift:config-migrate --to 3 iad-1:2""")
public class ConfigMigrateCommand extends UpliftAction {

    @Reference
    private BackupStore backups;

    @Reference
    private MigrationService migrations;

    @Argument(index = 0, name = "backup", description = "<device> (its newest backup) or <device>:<version>", required = true)
    @Completion(DeviceIdCompleter.class)
    private String source;

    @Option(name = "--to", aliases = "-t", description = "Target configuration format version", required = true)
    private String to;

    @Option(name = "--model", aliases = "-m", description = "Device model whose migrators to use; default: the only model that has migrators")
    private String model;

    @Option(name = "--dry-run", aliases = "-n", description = "Only show what would change; store nothing")
    private boolean dryRun;

    @Override
    protected Object run() throws Exception {
        ConfigBackup backup = resolve(backups);
        String forModel = model != null ? model : onlyModel(migrations);
        byte[] migrated = migrations.migrate(forModel, backup.formatVersion(), to,
                backups.read(backup.deviceId(), backup.version()));
        BackupDiff diff;
        if (dryRun) {
            diff = backups.diff(backup.deviceId(), backup.version(), migrated,
                    "migrated to format " + to + " (not stored)");
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

    /** {@code <device>} or {@code <device>:<version>}; a device id may itself hold a colon, a version is digits only. */
    private ConfigBackup resolve(BackupStore backups) {
        int colon = source.lastIndexOf(':');
        if (colon < 0 || !source.substring(colon + 1).matches("\\d{1,9}")) {
            return backups.latest(source).orElseThrow(() -> new IllegalArgumentException(
                    "device " + source + " has no backup: see uplift:backups " + source));
        }
        String device = source.substring(0, colon);
        int version = Integer.parseInt(source.substring(colon + 1));
        return backups.history(device).stream().filter(b -> b.version() == version).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("device " + device + " has no backup version " + version
                        + ": see uplift:backups " + device));
    }

    private String onlyModel(MigrationService migrations) {
        Set<String> models = migrations.steps().stream().map(MigrationStep::model).collect(Collectors.toSet());
        if (models.size() != 1) {
            throw new IllegalArgumentException(
                    "say which model with --model (migrators are registered for " + models + ")");
        }
        return models.iterator().next();
    }
}
