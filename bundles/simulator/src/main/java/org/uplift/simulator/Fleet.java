package org.uplift.simulator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Simulated devices started together and stopped together. */
public final class Fleet implements SimulatorFleet, AutoCloseable {

    private final List<SimulatedDevice> devices;

    private Fleet(List<SimulatedDevice> devices) {
        this.devices = List.copyOf(devices);
    }

    /** Starts every device; if one cannot start, stops those already started and throws. */
    public static Fleet start(FleetSettings settings) throws IOException {
        List<SimulatedDevice> started = new ArrayList<>();
        try {
            for (int index = 1; index <= settings.devices(); index++) {
                started.add(new SimulatedDevice(settings.device(index)));
            }
        } catch (IOException | RuntimeException e) {
            started.forEach(SimulatedDevice::close);
            throw e;
        }
        return new Fleet(started);
    }

    @Override
    public List<DeviceStatus> devices() {
        return devices.stream().map(SimulatedDevice::status).toList();
    }

    @Override
    public Optional<SimulatedDevice> device(int port) {
        return devices.stream().filter(d -> d.port() == port).findFirst();
    }

    @Override
    public Optional<SimulatedDevice> deviceByIndex(int index) {
        return index >= 1 && index <= devices.size() ? Optional.of(devices.get(index - 1)) : Optional.empty();
    }

    @Override
    public void close() {
        devices.forEach(SimulatedDevice::close);
    }
}
