package org.uplift.api.directory;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.uplift.api.device.Device;
import org.uplift.api.device.DeviceInventory;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceException;

/**
 * Every device Uplift can upgrade, from every registered {@link DeviceInventory}, and the drivers that serve
 * each one, chosen by one rule. Jobs, campaigns, REST, the notification receiver and the shell all look devices
 * up here, so a campaign reads a device through the same driver its job commands it with.
 *
 * <p>The rule: a device that names its drivers in the inventory ({@code "cisco-config-copy,docsis-sw"}) gets those,
 * in that order; otherwise every registered driver whose {@value DeviceDriver#SYS_OBJECT_ID_PROPERTY} prefix matches
 * the device's sysObjectID, longest prefix first. When two inventories know the same id, the first registered wins.
 *
 * @since 0.4
 */
@ProviderType
public interface DeviceDirectory {

    /** All devices, ordered by id. */
    List<Device> devices();

    /** The device with this id, if an inventory knows it. */
    Optional<Device> device(String id);

    /**
     * The device's drivers, best first (never empty).
     *
     * @throws DeviceException if no installed driver is for the device, or the device cannot be identified; the
     *                         message says what to do
     */
    List<DeviceDriver> drivers(Device device) throws DeviceException;

    /** A registered driver's name ({@value DeviceDriver#NAME_PROPERTY}), for plans and messages. */
    String name(DeviceDriver driver);
}
