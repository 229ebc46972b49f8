package org.uplift.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SimulatedDeviceTest {

    @Test
    void theConfigurationHasFourSectionsAndDiffersPerDevice() throws Exception {
        try (Fleet fleet = Fleet.start(new FleetSettings(2, 0, "IAD-1000", "1.0.0", 3, java.util.Map.of()))) {
            DeviceStatus first = fleet.devices().get(0);
            DeviceStatus second = fleet.devices().get(1);
            String config = new String(fleet.device(first.port()).orElseThrow().runningConfig(), StandardCharsets.UTF_8);

            for (String section : new String[] {"[user]", "[port]", "[protocol]", "[default]", "format=1"}) {
                assertTrue(config.contains(section), section);
            }
            assertNotEquals(first.configDigest(), second.configDigest());
            assertEquals(64, first.configDigest().length());
            assertEquals("1.0.0", first.runningVersion());
        }
    }
}
