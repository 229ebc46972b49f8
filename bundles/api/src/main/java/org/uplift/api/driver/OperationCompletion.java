package org.uplift.api.driver;

import java.time.Instant;

/**
 * A device's notification that an operation ended (UPLIFT-IAD-MIB upliftIadOpCompletion,
 * CISCO-CONFIG-COPY-MIB ccCopyCompletion), as the receiver decoded it.
 *
 * @param sourceHost   the address the notification came from (the device's), textual IP form
 * @param sourcePort   the UDP port it came from
 * @param notification the notification's OID, dotted (snmpTrapOID.0)
 * @param index        the operation's row index ({@link OperationHandle#index()})
 * @param state        {@link OperationState#SUCCESSFUL} or {@link OperationState#FAILED}
 * @param failCause    the fail cause's MIB label, or {@code null} when successful
 * @param receivedAt   when the receiver got it
 * @since 0.2
 */
public record OperationCompletion(String sourceHost, int sourcePort, String notification, int index,
        OperationState state, String failCause, Instant receivedAt) {

    /** The completion as the status a driver's poll would have read (no failure text, no byte count). */
    public OperationStatus toStatus() {
        return new OperationStatus(state, failCause, null, 0);
    }
}
