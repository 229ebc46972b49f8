package org.uplift.api.driver;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;
import org.uplift.api.device.Device;

/**
 * Operation-completion notifications (SNMPv1 and SNMPv2c traps, SNMPv3 informs) from devices, turned
 * into events a workflow can wait on instead of, or while, polling {@link DeviceDriver#status}.
 * <p>
 * A notification counts only for an operation this node started and registered here: it must come
 * from the device's address ({@link Device#host()} or {@link Device#transferSource()}, resolved)
 * with the device's credentials (its community, or its SNMPv3 user authenticated), name the
 * operation's {@link OperationHandle#index()}, and be received once the operation had started.
 * Anything else is dropped, so a forged or stale notification cannot end an operation.
 *
 * @since 0.2
 */
@ProviderType
public interface DeviceEvents {

    /**
     * Registers an operation this node has just started and completes when the device reports that it
     * ended. A notification received before {@code startedAt} is not this operation's and never ends it;
     * one received between {@code startedAt} and this call (a fast device) still does. It never
     * completes exceptionally by itself: bound it ({@code orTimeout}, or a poll loop's deadline) and
     * {@code cancel} it when no longer waiting. Notifications can be lost (UDP); keep polling as the
     * fall-back.
     *
     * @param startedAt when the caller began to start the operation (read before {@link DeviceDriver#start})
     * @since 0.3
     */
    CompletableFuture<OperationCompletion> completion(Device device, OperationHandle handle, Instant startedAt);

    /**
     * As {@link #completion(Device, OperationHandle, Instant)} for an operation started just now: only a
     * notification received after this call counts.
     */
    default CompletableFuture<OperationCompletion> completion(Device device, OperationHandle handle) {
        return completion(device, handle, Instant.now());
    }

    /**
     * Completes, with the time it was received, when the device sends a coldStart or warmStart
     * notification (SNMPv2-MIB; generic traps 0 and 1 in SNMPv1) received at or after {@code since},
     * checked as an operation's completion is (the device's address and credentials). A hint to read
     * the device now rather than at the next poll, never proof of a restart: only the device's own
     * counters prove one, and a forged or early notification must cost no more than a read. A
     * notification received before this call is not kept for it. It never completes exceptionally
     * by itself: {@code cancel} it when no longer waiting. Providers that receive no notifications
     * return a future that never completes.
     *
     * @since 0.4
     */
    default CompletableFuture<Instant> restart(Device device, Instant since) {
        return new CompletableFuture<>();
    }
}
