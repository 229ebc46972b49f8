package org.uplift.shell;

import java.util.List;

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
@Command(scope = "uplift", name = "backup-diff", description = "Shows the unified diff between two configuration backups of a device, ignoring volatile lines.", detailedDescription = """
        Defaults: without versions, the newest backup against the one before it; with one version, that \
        one against the newest. Versions are listed by uplift:backups.
        Volatile lines (timestamps, counters) are set by volatilePatterns in etc/org.uplift.backups.cfg.
        Examples:
          uplift:backup-diff iad-1
          uplift:backup-diff iad-1 2 5""")
public class BackupDiffCommand extends UpliftAction {

    @Reference
    private BackupStore backups;

    @Argument(index = 0, name = "device", description = "Device id", required = true)
    @Completion(DeviceIdCompleter.class)
    private String device;

    @Argument(index = 1, name = "from", description = "Older backup version; default: the one before the newer")
    private Integer from;

    @Argument(index = 2, name = "to", description = "Newer backup version; default: the newest")
    private Integer to;

    @Override
    protected Object run() throws Exception {
        BackupStore store = backups;
        List<ConfigBackup> history = store.history(device);
        if (history.size() < 2 && (from == null || to == null)) {
            throw Failures.of("device " + device + " has " + history.size() + " backup(s); a diff needs two"
                    + " (see uplift:backups " + device + ")");
        }
        int newer = to != null ? to : history.get(history.size() - 1).version();
        int older = from != null ? from : previous(history, newer);
        BackupDiff diff = store.diff(device, older, newer);
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
                .orElseThrow(
                        () -> new IllegalArgumentException("device " + device + " has no backup older than version "
                                + newer + "; see uplift:backups " + device));
    }
}
