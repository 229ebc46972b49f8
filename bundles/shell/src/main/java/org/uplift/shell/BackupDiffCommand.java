package org.uplift.shell;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.repository.BackupDiff;
import org.uplift.api.repository.BackupStore;
import org.uplift.api.repository.ConfigBackup;
import org.uplift.shell.completers.DeviceIdCompleter;

@Service
@Command(scope = "uplift", name = "backup-diff", description = "Unified diff between two backups of a device, ignoring volatile lines.",
        detailedDescription = "Without versions: the newest against the one before it; with one version: that one against"
                + " the newest. Volatile lines (timestamps, counters) are set by volatilePatterns in org.uplift.backups.\n"
                + "Example: uplift:backup-diff iad-1 2 5")
public class BackupDiffCommand implements Action {

    @Reference
    private BackupStore backups;

    @Argument(index = 0, name = "device", description = "Device id", required = true)
    @Completion(DeviceIdCompleter.class)
    private String device;

    @Argument(index = 1, name = "from", description = "Older version; default the one before the newer")
    private Integer from;

    @Argument(index = 2, name = "to", description = "Newer version; default the newest")
    private Integer to;

    @Override
    public Object execute() throws Exception {
        List<ConfigBackup> history = backups.history(device);
        if (history.size() < 2 && (from == null || to == null)) {
            System.out.println("Device " + device + " has " + history.size() + " backup(s); a diff needs two");
            return null;
        }
        int newer = to != null ? to : history.get(history.size() - 1).version();
        int older = from != null ? from : previous(history, newer);
        BackupDiff diff = backups.diff(device, older, newer);
        if (diff.identical()) {
            System.out.println("Versions " + older + " and " + newer + " of " + device + " are identical"
                    + (diff.ignoredLines() > 0 ? " apart from " + diff.ignoredLines() + " volatile line(s)" : ""));
            return null;
        }
        diff.lines().forEach(System.out::println);
        if (diff.ignoredLines() > 0) {
            System.out.println("(" + diff.ignoredLines() + " volatile line(s) ignored)");
        }
        return null;
    }

    private int previous(List<ConfigBackup> history, int newer) {
        return history.stream().mapToInt(ConfigBackup::version).filter(v -> v < newer).max()
                .orElseThrow(() -> new IllegalArgumentException("device " + device + " has no backup older than version "
                        + newer + "; see uplift:backups " + device));
    }
}
