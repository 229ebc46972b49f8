package org.uplift.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class FleetControlTest {

    @Test
    void givenAFleet_whenFaultsAreSetAndClearedAtRunTime_thenTheDeviceShowsThem() throws Exception {
        try (Fleet fleet = Fleet.start(new FleetSettings(2, 0, "IAD-1000", "1.0.0", 1, Map.of()))) {
            FleetControl control = new FleetControl(fleet);

            assertEquals("ok device 2 faults download-fail:noMemory",
                    control.execute("fault 2 download-fail:noMemory"));
            assertEquals("ok device 2 faults download-fail:noMemory,silent", control.execute("fault 2 silent"));
            assertTrue(fleet.devices().get(1).rebooting(), "silent fault silences the agent");
            assertEquals(List.of("download-fail:noMemory", "silent"), fleet.devices().get(1).faults());

            assertEquals("ok device 2 faults none", control.execute("clear 2"));
            assertEquals(List.of(), fleet.devices().get(1).faults());
            assertEquals(false, fleet.devices().get(1).rebooting());
            assertTrue(control.execute("fault 3 silent").startsWith("error: no device 3; devices are numbered 1-2"));
            assertTrue(control.execute("fault 1 explode").startsWith("error: unknown fault 'explode'"));
            assertTrue(control.execute("devices").contains("1 127.0.0.1:"));
        }
    }

    @Test
    void givenARebootedDevice_whenStepsAreAsked_thenItsRebootIsListedWithItsOwnDuration() throws Exception {
        try (Fleet fleet = Fleet.start(new FleetSettings(2, 0, "IAD-1000", "1.0.0", 1, Map.of()))) {
            FleetControl control = new FleetControl(fleet);
            assertEquals("ok 0 step(s)", control.execute("steps"));
            long before = System.currentTimeMillis();

            fleet.deviceByIndex(2).orElseThrow().reboot();
            while (fleet.deviceByIndex(2).orElseThrow().steps().isEmpty()) {
                Thread.sleep(50);
            }

            String[] lines = control.execute("steps").split("\n");
            assertEquals("ok 1 step(s)", lines[0]);
            String[] step = lines[1].split(" ");
            assertEquals(List.of("2", "reboot"), List.of(step[0], step[1]));
            long start = Long.parseLong(step[2]);
            long end = Long.parseLong(step[3]);
            assertTrue(start >= before && start <= before + 1000, "reboot asked for at " + start);
            assertTrue(end - start >= 1000, "a 1 s reboot lasted " + (end - start) + " ms");
        }
    }

    @Test
    void givenAddressPerDevice_thenEachDeviceListensOnItsOwnLoopbackAddress() throws Exception {
        FleetSettings settings = new FleetSettings(2, 0, "IAD-1000", "1.0.0", 1, Map.of(), true,
                EnumSet.of(Personality.UPLIFT_IAD), V3User.DEFAULT, null, "1", 69);
        try (Fleet fleet = Fleet.start(settings)) {
            assertEquals("127.0.0.2", fleet.devices().get(0).host());
            assertEquals("127.0.0.3", fleet.devices().get(1).host());
        }
    }
}
