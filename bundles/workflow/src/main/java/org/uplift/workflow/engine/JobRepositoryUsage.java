package org.uplift.workflow.engine;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.uplift.api.repository.RepositoryUsage;
import org.uplift.workflow.store.BackupEvidence;
import org.uplift.workflow.store.JobStore;
import org.uplift.workflow.store.StoreException;
import org.uplift.workflow.store.StoredJob;

/**
 * Tells the repository what unfinished jobs still need: their target image, the old image a roll-back
 * would download again, and the backup they
 * restore or roll back to. No backup is deleted while a job that needs it exists (docs/design.md#backup-retention).
 */
@Component(service = RepositoryUsage.class)
public class JobRepositoryUsage implements RepositoryUsage {

    /** Enough to cover every unfinished job of a large campaign. */
    private static final int SCAN = 100_000;

    private final JobStore store;

    @Activate
    public JobRepositoryUsage(@Reference JobStore store) {
        this.store = store;
    }

    @Override
    public boolean firmwareInUse(String firmwareId) {
        // the old image too, where a roll-back downloads it again (the device keeps none)
        return unfinished().stream().anyMatch(j -> j.firmwareId().equals(firmwareId)
                || j.record().oldFirmware().filter(firmwareId::equals).isPresent());
    }

    @Override
    public Set<Integer> backupsInUse(String deviceId) {
        return unfinished().stream().filter(j -> j.deviceId().equals(deviceId))
                .flatMap(j -> j.record().backup().stream()).map(BackupEvidence::version).collect(Collectors.toSet());
    }

    /** When the store cannot be read, everything counts as in use: better keep a backup than lose one. */
    private List<StoredJob> unfinished() {
        try {
            return store.list(SCAN).stream().filter(j -> !j.state().terminal()).toList();
        } catch (StoreException e) {
            throw new IllegalStateException("cannot tell which backups and images jobs need: " + e.getMessage(), e);
        }
    }
}
