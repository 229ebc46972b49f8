package org.uplift.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.uplift.api.directory.DeviceDirectory;
import org.uplift.api.repository.BackupStore;
import org.uplift.api.repository.ConfigBackup;
import org.uplift.shell.completers.DeviceIdCompleter;

@Service
@Command(scope = "uplift", name = "backups", description = "Lists the configuration backups of a device, oldest first.", detailedDescription = """
        Each upgrade stores the backup it takes; the newest keepPerDevice (default 50) are kept, and never one \
        a job still needs. See one with uplift:backup-show, compare two with uplift:backup-diff.
        Example: uplift:backups iad-1""")
public class BackupsCommand extends TableCommand {

    @Reference
    private BackupStore backups;

    /** Optional: only to tell a device without backups from a mistyped id. */
    @Reference(optional = true)
    private DeviceDirectory directory;

    @Argument(index = 0, name = "device", description = "Device id", required = true)
    @Completion(DeviceIdCompleter.class)
    private String device;

    @Override
    protected Object run() throws Exception {
        ShellTable table = new ShellTable().emptyTableText("Device " + device + " has no backups");
        table.column("Version").alignRight();
        table.column("Taken");
        table.column("Size").alignRight();
        table.column("Firmware");
        table.column("Format");
        table.column("SHA-256");
        List<ConfigBackup> history = backups.history(device);
        if (history.isEmpty() && (directory == null || directory.device(device).isEmpty())) {
            throw new IllegalArgumentException("no device '" + device + "' in the inventory and no backups of it:"
                    + " see uplift:device-list");
        }
        for (ConfigBackup b : history) {
            table.addRow().addContent(b.version(), b.takenAt(), b.size(), b.firmwareVersion(), b.formatVersion(),
                    b.sha256());
        }
        print(table);
        return null;
    }
}
