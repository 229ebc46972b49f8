package org.uplift.repository.usage;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uplift.api.repository.RepositoryUsage;

/**
 * The registered {@link RepositoryUsage} services, asked as one. A service that fails counts as
 * "in use": keeping a file by mistake costs disk space, deleting one a job needs costs a device.
 */
public final class Usages {

    private static final Logger LOG = LoggerFactory.getLogger(Usages.class);

    private final List<RepositoryUsage> usages = new CopyOnWriteArrayList<>();

    public void add(RepositoryUsage usage) {
        usages.add(usage);
    }

    public void remove(RepositoryUsage usage) {
        usages.remove(usage);
    }

    public boolean firmwareInUse(String firmwareId) {
        for (RepositoryUsage usage : usages) {
            try {
                if (usage.firmwareInUse(firmwareId)) {
                    return true;
                }
            } catch (RuntimeException e) {
                LOG.warn("Cannot tell whether firmware {} is in use ({}), so it counts as in use", firmwareId,
                        e.toString());
                return true;
            }
        }
        return false;
    }

    /** The backup versions some job still needs, or {@code null} when a usage service failed (keep all). */
    public Set<Integer> backupsInUse(String deviceId) {
        Set<Integer> inUse = new HashSet<>();
        for (RepositoryUsage usage : usages) {
            try {
                Set<Integer> versions = usage.backupsInUse(deviceId);
                if (versions != null) {
                    inUse.addAll(versions);
                }
            } catch (RuntimeException e) {
                LOG.warn("Cannot tell which backups of device {} are in use ({}), so all are kept", deviceId,
                        e.toString());
                return null;
            }
        }
        return inUse;
    }
}
