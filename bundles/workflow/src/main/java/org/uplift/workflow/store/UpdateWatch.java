package org.uplift.workflow.store;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * What VERIFY_UPDATE compares the device with to see that it restarted after the update.
 *
 * @param atMillis    when the device was read just before the update was commanded (epoch milliseconds)
 * @param sysUpTime   its sysUpTime then; empty when the restart was seen already (the device ran the target
 *                    when the update step was entered again after Uplift itself restarted)
 * @param engineBoots its snmpEngineBoots then, empty if it reports none
 */
public record UpdateWatch(long atMillis, OptionalLong sysUpTime, OptionalLong engineBoots) {

    public UpdateWatch {
        Objects.requireNonNull(sysUpTime, "sysUpTime");
        Objects.requireNonNull(engineBoots, "engineBoots");
    }

    /** Watching for the restart the update causes. */
    public static UpdateWatch awaitingRestart(long atMillis, long sysUpTime, long engineBoots) {
        return new UpdateWatch(atMillis, OptionalLong.of(sysUpTime),
                engineBoots < 0 ? OptionalLong.empty() : OptionalLong.of(engineBoots));
    }

    /** The restart happened already; only its settling is waited for. */
    public static UpdateWatch restartSeen(long atMillis) {
        return new UpdateWatch(atMillis, OptionalLong.empty(), OptionalLong.empty());
    }

    public boolean restartAlreadySeen() {
        return sysUpTime.isEmpty();
    }
}
