package org.uplift.api.driver;

import java.util.EnumSet;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;
import org.uplift.api.device.Device;

/**
 * Commands one MIB family over SNMP. Registered as a whiteboard service with the property
 * {@value #NAME_PROPERTY} (its name) and optionally {@value #SYS_OBJECT_ID_PROPERTY} (sysObjectID
 * prefixes of the devices it speaks to).
 *
 * @since 0.1
 */
@ConsumerType
public interface DeviceDriver {

    /** Service property: the driver's name, as devices name it in the inventory. */
    String NAME_PROPERTY = "uplift.driver";

    /** Service property: sysObjectID prefixes (dotted) this driver is chosen for. */
    String SYS_OBJECT_ID_PROPERTY = "uplift.driver.sysObjectId";

    /** Whether this driver can command the operation at all. */
    boolean supports(OperationType type);

    /**
     * The operations this driver commands and the evidence it reads, as the device's real MIB modules
     * define them. The default, for drivers written before 0.3, declares the supported operations and
     * the running version and model as evidence (what every 0.2 driver's facts had to carry).
     *
     * @since 0.3
     */
    default DriverCapabilities capabilities() {
        Set<OperationType> ops = EnumSet.noneOf(OperationType.class);
        for (OperationType type : OperationType.values()) {
            if (supports(type)) {
                ops.add(type);
            }
        }
        return new DriverCapabilities(ops, Set.of(Evidence.RUNNING_VERSION, Evidence.MODEL));
    }

    /** Reads what the device says about itself. */
    DeviceFacts facts(Device device) throws DeviceException;

    /** Tells the device to start an operation; returns at once. */
    OperationHandle start(Device device, OperationRequest request) throws DeviceException;

    /** Reads the operation's state. */
    OperationStatus status(Device device, OperationHandle handle) throws DeviceException;

    /** Deletes what {@link #start} created on the device (e.g. the operation row). */
    void release(Device device, OperationHandle handle) throws DeviceException;
}
