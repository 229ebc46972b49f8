package org.uplift.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.uplift.api.repository.BackupStore;
import org.uplift.api.repository.ConfigBackup;
import org.uplift.shell.completers.DeviceIdCompleter;

@Service
@Command(scope = "uplift", name = "backups", description = "Lists the configuration backups of a device, oldest first.",
        detailedDescription = "Example: uplift:backups iad-1")
public class BackupsCommand implements Action {

    @Reference
    private BackupStore backups;

    @Argument(index = 0, name = "device", description = "Device id", required = true)
    @Completion(DeviceIdCompleter.class)
    private String device;

    @Override
    public Object execute() {
        List<ConfigBackup> history = backups.history(device);
        if (history.isEmpty()) {
            System.out.println("Device " + device + " has no backups");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Version").alignRight();
        table.column("Taken");
        table.column("Size").alignRight();
        table.column("Firmware");
        table.column("Format");
        table.column("SHA-256");
        for (ConfigBackup b : history) {
            table.addRow().addContent(b.version(), b.takenAt(), b.size(), b.firmwareVersion(), b.formatVersion(),
                    b.sha256());
        }
        table.print(System.out);
        return null;
    }
}
