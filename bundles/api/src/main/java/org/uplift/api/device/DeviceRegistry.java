package org.uplift.api.device;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Uplift's own writable inventory, where operators add devices by hand.
 *
 * @since 0.1
 */
@ProviderType
public interface DeviceRegistry extends DeviceInventory {

    /** Adds or replaces the device with {@code device.id()} and persists it. */
    Device put(Device device);

    /** Removes a device; {@code false} if there was none with this id. */
    boolean remove(String id);
}
