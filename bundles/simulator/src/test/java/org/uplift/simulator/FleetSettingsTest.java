package org.uplift.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FleetSettingsTest {

    @Test
    void faultsAreParsedPerDeviceIndex() {
        assertEquals(Map.of(3, Set.of(Fault.DOWNLOAD_FAIL)), FleetSettings.parseFaults(List.of("3=download-fail", " ")));
    }

    @Test
    void anUnknownFaultKindIsRefusedNamingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FleetSettings.parseFaults(List.of("1=explode")));
        assertEquals("unknown fault 'explode' (known: " + FaultKind.known() + ")", e.getMessage());
    }

    @Test
    void aFaultForADeviceOutsideTheFleetIsRefused() {
        Map<Integer, Set<Fault>> faults = Map.of(5, Set.of(Fault.DOWNLOAD_FAIL));
        assertThrows(IllegalArgumentException.class, () -> new FleetSettings(2, 11161, "IAD-1000", "1.0.0", 3, faults));
    }

    @Test
    void devicesGetConsecutivePortsFromTheBasePort() {
        FleetSettings settings = new FleetSettings(3, 20000, "IAD-1000", "1.0.0", 3, Map.of());
        assertEquals(20002, settings.device(3).port());
    }

    @Test
    void givenAConfigurationSize_thenEveryDeviceGetsIt() {
        FleetSettings settings = new FleetSettings(3, 20000, "IAD-1000", "1.0.0", 3, Map.of()).withConfigBytes(20_480);
        assertEquals(20_480, settings.device(3).configBytes());
        assertEquals(0, new FleetSettings(3, 20000, "IAD-1000", "1.0.0", 3, Map.of()).device(1).configBytes());
    }

    @Test
    void theCommandLineTakesAConfigurationSize() {
        assertEquals(20_480, Main.Options.parse(new String[] {"--devices", "2", "--config-size", "20480"}).configSize);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Main.Options.parse(new String[] {"--config-size", "big"}));
        assertEquals("--config-size needs a number (got 'big')", e.getMessage());
    }
}
