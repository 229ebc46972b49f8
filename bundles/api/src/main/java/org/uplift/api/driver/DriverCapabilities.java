package org.uplift.api.driver;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a driver can command on a device and what evidence it can read back, as the device's real
 * MIB modules allow. The workflow plans each job from this before the device is touched.
 *
 * @param operations the operations the driver commands
 * @param evidence   the facts the driver reads from the device's own objects
 * @since 0.3
 */
public record DriverCapabilities(Set<OperationType> operations, Set<Evidence> evidence) {

    public DriverCapabilities {
        operations = operations.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(operations));
        evidence = evidence.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(evidence));
    }

    /** Capabilities from two lists. */
    public static DriverCapabilities of(Collection<OperationType> operations, Collection<Evidence> evidence) {
        return new DriverCapabilities(Set.copyOf(operations), Set.copyOf(evidence));
    }

    public boolean can(OperationType type) {
        return operations.contains(type);
    }

    public boolean gives(Evidence what) {
        return evidence.contains(what);
    }
}
