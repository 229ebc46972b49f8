package org.uplift.simulator.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.api.console.CommandLine;
import org.junit.jupiter.api.Test;
import org.uplift.simulator.DeviceStatus;
import org.uplift.simulator.SimulatedDevice;
import org.uplift.simulator.SimulatorFleet;

/** The device and port completers offer one number per simulated device, and nothing without a fleet. */
class FleetCompletersTest {

    private static final SimulatorFleet TWO_DEVICES = new SimulatorFleet() {
        @Override
        public List<DeviceStatus> devices() {
            return List.of(status(1, 16161), status(2, 16162));
        }

        @Override
        public Optional<SimulatedDevice> device(int port) {
            return Optional.empty();
        }

        @Override
        public Optional<SimulatedDevice> deviceByIndex(int index) {
            return Optional.empty();
        }
    };

    @Test
    void givenARunningFleet_whenCompletingAnEmptyWord_thenDeviceNumbersAndPortsAreOffered() throws Exception {
        assertEquals(List.of("1", "2"), complete(withFleet(new SimulatedDeviceCompleter(), TWO_DEVICES)));
        assertEquals(List.of("16161", "16162"), complete(withFleet(new SimulatedPortCompleter(), TWO_DEVICES)));
    }

    @Test
    void givenNoFleet_whenCompleting_thenNothingIsOffered() {
        assertEquals(List.of(), complete(new SimulatedPortCompleter()));
    }

    private static DeviceStatus status(int index, int port) {
        return new DeviceStatus(index, "127.0.0.1", port, "IAD-1000", "1.0.0", "", "1", "", false, List.of());
    }

    /** Sets the field Karaf injects. */
    private static FleetCompleter withFleet(FleetCompleter completer, SimulatorFleet fleet) throws Exception {
        Field field = FleetCompleter.class.getDeclaredField("fleet");
        field.setAccessible(true);
        field.set(completer, fleet);
        return completer;
    }

    /** Completes an empty word, as Karaf asks after {@code --device } or {@code --port }. */
    private static List<String> complete(FleetCompleter completer) {
        CommandLine line = (CommandLine) Proxy.newProxyInstance(CommandLine.class.getClassLoader(),
                new Class<?>[]{CommandLine.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getCursorArgument", "getBuffer" -> "";
                    case "getArguments" -> new String[]{""};
                    default -> 0;
                });
        List<String> candidates = new ArrayList<>();
        completer.complete(null, line, candidates);
        return candidates.stream().map(String::strip).sorted().toList();
    }
}
