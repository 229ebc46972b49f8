package org.uplift.shell;

import java.nio.charset.StandardCharsets;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.repository.BackupStore;
import org.uplift.api.repository.ConfigBackup;
import org.uplift.shell.completers.DeviceIdCompleter;

@Service
@Command(scope = "uplift", name = "backup-show", description = "Shows one configuration backup of a device, checked against its SHA-256.", detailedDescription = """
        Default: the newest backup. The content is printed after the record unless --no-content is given.
        Examples:
          uplift:backup-show iad-1
          uplift:backup-show --no-content iad-1 3""")
public class BackupShowCommand extends UpliftAction {

    @Reference
    private BackupStore backups;

    @Option(name = "--no-content", description = "Print only the backup's record, not the configuration")
    private boolean noContent;

    @Argument(index = 0, name = "device", description = "Device id", required = true)
    @Completion(DeviceIdCompleter.class)
    private String device;

    @Argument(index = 1, name = "version", description = "Backup version, see uplift:backups; default: the newest")
    private Integer version;

    @Override
    protected Object run() throws Exception {
        BackupStore store = backups;
        ConfigBackup backup = (version == null ? store.latest(device)
                : store.history(device).stream().filter(b -> b.version() == version).findFirst())
                .orElseThrow(() -> new IllegalArgumentException("device " + device + " has no backup"
                        + (version == null ? "" : " version " + version) + "; see uplift:backups " + device));
        byte[] content = store.read(device, backup.version());
        System.out.println("Device:   " + backup.deviceId());
        System.out.println("Version:  " + backup.version());
        System.out.println("Taken:    " + backup.takenAt());
        System.out.println("Size:     " + backup.size() + " bytes");
        System.out.println("SHA-256:  " + backup.sha256() + " (checked)");
        System.out.println("Firmware: " + backup.firmwareVersion());
        System.out.println("Format:   " + backup.formatVersion());
        if (!noContent) {
            System.out.println();
            System.out.print(new String(content, StandardCharsets.UTF_8));
        }
        return null;
    }
}
