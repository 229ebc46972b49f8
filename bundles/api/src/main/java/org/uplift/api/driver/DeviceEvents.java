package org.uplift.api.driver;

import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;
import org.uplift.api.device.Device;

/**
 * Operation-completion notifications (SNMPv2c traps, SNMPv3 informs) from devices, turned into
 * events a workflow can wait on instead of, or while, polling {@link DeviceDriver#status}.
 * <p>
 * A notification is matched to an operation by the device's address ({@link Device#host()},
 * resolved) and the operation's {@link OperationHandle#index()}. Notifications are kept for a
 * while after they arrive, so asking after a fast device has already reported still answers.
 *
 * @since 0.2
 */
@ProviderType
public interface DeviceEvents {

    /**
     * Completes when the device reports that the operation ended. It never completes exceptionally
     * by itself: bound it ({@code orTimeout}, or a poll loop's deadline) and {@code cancel} it when no
     * longer waiting. Notifications can be lost (UDP); keep polling as the fall-back.
     */
    CompletableFuture<OperationCompletion> completion(Device device, OperationHandle handle);
}
