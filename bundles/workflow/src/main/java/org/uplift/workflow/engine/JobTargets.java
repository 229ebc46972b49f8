package org.uplift.workflow.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.uplift.api.device.Device;
import org.uplift.api.directory.DeviceDirectory;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.OperationType;

/**
 * A device's {@link JobTarget} from the one {@link DeviceDirectory}: its drivers as the directory orders them,
 * per operation the first that can command it, per fact the first that reads it ({@link DeviceReader}).
 */
final class JobTargets {

    private final DeviceDirectory directory;

    JobTargets(DeviceDirectory directory) {
        this.directory = directory;
    }

    Optional<Device> device(String deviceId) {
        return directory.device(deviceId);
    }

    /** @throws DeviceException if the device has no driver, cannot be identified, or its address does not resolve */
    JobTarget target(Device device) throws DeviceException {
        InetAddress address = resolve(device, device.host());
        Set<InetAddress> alsoFrom = device.transferSource() == null ? Set.of()
                : Set.of(resolve(device, device.transferSource()));
        List<DeviceDriver> drivers = directory.drivers(device);
        Map<OperationType, DeviceDriver> commanders = new EnumMap<>(OperationType.class);
        for (OperationType type : OperationType.values()) {
            // a device need not support every operation: the job's plan says what is done instead
            drivers.stream().filter(d -> d.capabilities().can(type)).findFirst()
                    .ifPresent(d -> commanders.put(type, d));
        }
        return new JobTarget(device, new DeviceReader(drivers), commanders, address, alsoFrom);
    }

    /** The target of a stored job; a failure is the job's, as a step's would be. */
    JobTarget target(String deviceId) throws StepFailure {
        Device device = device(deviceId).orElseThrow(() -> new StepFailure(unknown(deviceId)));
        try {
            return target(device);
        } catch (DeviceException e) {
            throw new StepFailure(e.getMessage(), e);
        }
    }

    /** A registered driver's name, for plans and messages. */
    String name(DeviceDriver driver) {
        return directory.name(driver);
    }

    static String unknown(String deviceId) {
        return "unknown device '" + deviceId + "': add it with uplift:device-add";
    }

    private static InetAddress resolve(Device device, String host) throws DeviceException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new DeviceException("cannot resolve device " + device.id() + " address '" + host + "'", true, e);
        }
    }
}
