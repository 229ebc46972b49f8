package org.uplift.api.device;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source of devices. Uplift ships a file-based inventory; a host NMS registers its own as a
 * service and Uplift consults every registered inventory.
 *
 * @since 0.1
 */
@ConsumerType
public interface DeviceInventory {

    /** All devices this inventory knows. */
    List<Device> devices();

    /** The device with this id, if this inventory knows it. */
    Optional<Device> device(String id);
}
