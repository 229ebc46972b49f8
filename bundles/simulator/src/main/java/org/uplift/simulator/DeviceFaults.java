package org.uplift.simulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The faults a device shows now; set at start and changed at run time, so every access is synchronized. */
public final class DeviceFaults {

    private final Map<FaultKind, Fault> active = new EnumMap<>(FaultKind.class);
    private int restoreFailuresLeft;

    DeviceFaults(Collection<Fault> initial) {
        initial.forEach(this::set);
    }

    /** Adds the fault, replacing one of the same kind. */
    synchronized void set(Fault fault) {
        active.put(fault.kind(), fault);
        if (fault.kind() == FaultKind.RESTORE_FAIL) {
            restoreFailuresLeft = fault.count();
        }
    }

    synchronized boolean has(FaultKind kind) {
        return active.containsKey(kind);
    }

    synchronized Optional<Fault> get(FaultKind kind) {
        return Optional.ofNullable(active.get(kind));
    }

    /** Whether this restore is to fail; counts it, and drops the fault once its count is used up. */
    synchronized boolean takeRestoreFailure() {
        if (!active.containsKey(FaultKind.RESTORE_FAIL) || restoreFailuresLeft < 1) {
            return false;
        }
        if (--restoreFailuresLeft == 0) {
            active.remove(FaultKind.RESTORE_FAIL);
        }
        return true;
    }

    /** Whether this boot changes the engine ID; the fault is used up by it. */
    synchronized boolean takeEngineIdChange() {
        return active.remove(FaultKind.ENGINE_ID_CHANGE) != null;
    }

    synchronized int restoreFailuresLeft() {
        return restoreFailuresLeft;
    }

    /** Removes every fault. */
    synchronized void clear() {
        active.clear();
        restoreFailuresLeft = 0;
    }

    public synchronized List<Fault> list() {
        return new ArrayList<>(active.values());
    }
}
