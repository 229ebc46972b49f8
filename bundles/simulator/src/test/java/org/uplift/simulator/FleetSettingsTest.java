package org.uplift.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FleetSettingsTest {

    @Test
    void faultsAreParsedPerDeviceIndex() {
        assertEquals(Map.of(3, Set.of(Fault.DOWNLOAD_FAIL)),
                FleetSettings.parseFaults(List.of("3=download-fail", " ")));
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
    void givenAHost_thenEveryDeviceBindsIt_andWithoutOneLoopbackV4() {
        FleetSettings v4 = new FleetSettings(2, 20000, "IAD-1000", "1.0.0", 3, Map.of());
        assertEquals("127.0.0.1", v4.device(2).host());
        FleetSettings v6 = v4.withHost("::1");
        assertEquals("::1", v6.device(1).host());
        assertEquals(20001, v6.device(2).port());
        assertEquals("::1", v6.withFtpPort(2121).withHttpPort(8080).withConfigBytes(1024).device(2).host());
    }

    @Test
    void aHostIsRefusedBlankOrTogetherWithAnAddressPerDevice() {
        FleetSettings perDevice = new FleetSettings(2, 0, "IAD-1000", "1.0.0", 1, Map.of(), true,
                EnumSet.of(Personality.UPLIFT_IAD), V3User.DEFAULT, null, "1", 69);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> perDevice.withHost("::1"));
        assertEquals("host ::1 and an address per device exclude each other (each device then has its own 127.0.x.y)",
                e.getMessage());
        FleetSettings plain = new FleetSettings(2, 20000, "IAD-1000", "1.0.0", 3, Map.of());
        assertThrows(IllegalArgumentException.class, () -> plain.withHost(" "));
    }

    @Test
    void theCommandLineTakesAConfigurationSize() {
        assertEquals(20_480, Main.Options.parse(new String[]{"--devices", "2", "--config-size", "20480"}).configSize);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Main.Options.parse(new String[]{"--config-size", "big"}));
        assertEquals("--config-size needs a number (got 'big')", e.getMessage());
    }

    @Test
    void givenAnAddressPerDevice_thenUpTo50000Devices_andOnOneAddressUpTo10000() {
        FleetSettings large = new FleetSettings(20_000, 0, "IAD-1000", "1.0.0", 1, Map.of(), true,
                EnumSet.of(Personality.UPLIFT_IAD), V3User.DEFAULT, null, "1", 69);
        assertEquals("127.0.79.14", large.device(20_000).host());
        IllegalArgumentException oneAddress = assertThrows(IllegalArgumentException.class,
                () -> new FleetSettings(10_001, 20000, "IAD-1000", "1.0.0", 3, Map.of()));
        assertEquals("devices must be 1-10000 (1-50000 with an address per device) (got 10001)",
                oneAddress.getMessage());
        IllegalArgumentException own = assertThrows(IllegalArgumentException.class,
                () -> new FleetSettings(50_001, 0, "IAD-1000", "1.0.0", 1, Map.of(), true,
                        EnumSet.of(Personality.UPLIFT_IAD), V3User.DEFAULT, null, "1", 69));
        assertEquals("devices must be 1-50000 (got 50001)", own.getMessage());
    }
}
