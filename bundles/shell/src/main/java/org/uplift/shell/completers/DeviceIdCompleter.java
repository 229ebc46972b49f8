package org.uplift.shell.completers;

import java.util.stream.Stream;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.uplift.api.device.Device;
import org.uplift.api.directory.DeviceDirectory;

/** Completes device ids from the device directory: Uplift's own inventory and any a host NMS registers. */
@Service
public class DeviceIdCompleter extends IdCompleter {

    @Reference(optional = true)
    private DeviceDirectory directory;

    @Override
    protected Stream<String> ids() {
        return deviceIds(directory);
    }

    /** The directory's device ids in order; none while it is missing. */
    static Stream<String> deviceIds(DeviceDirectory directory) {
        return directory == null ? Stream.empty() : directory.devices().stream().map(Device::id);
    }
}
