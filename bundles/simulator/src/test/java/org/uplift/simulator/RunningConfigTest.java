package org.uplift.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RunningConfigTest {

    private static String render(String format) {
        return new String(RunningConfig.initial(7, format), StandardCharsets.UTF_8);
    }

    @Test
    void format2RenamesUsersUsesAdminStateAndGivesEachProtocolASection() {
        String config = render("2");
        assertTrue(config.contains("format=2\n"));
        assertTrue(config.contains("[user]\nsubscriber.1.name=subscriber-0007\nsubscriber.1.phone=+1-555-0107\n"),
                config);
        assertTrue(config.contains("port.1.name=fxs1\nport.1.admin-state=up\n"), config);
        assertTrue(config.contains("[protocol sip]\nregistrar=192.0.2.10\nregister-interval=3600\n"), config);
        assertTrue(config.contains("[default]\n"));
        assertFalse(config.contains("user.1."));
    }

    @Test
    void format3CountsMillisecondsAndNamesPortsFxs0Slash() {
        String config = render("3");
        assertTrue(config.contains("format=3\n"));
        assertTrue(config.contains("register-interval-ms=3600000\n"), config);
        assertTrue(config.contains("port.1.name=fxs-0/1\n"), config);
        assertFalse(config.contains("register-interval=3600\n"));
    }

    @Test
    void givenFormat1Config_whenSoftwareWithFormat2Boots_thenItStartsFromTheFactoryDefaultInFormat2() {
        DeviceState state = new DeviceState(DeviceSettings.defaults(7, 0));
        state.install("2.0.0", "2");
        assertEquals("2", RunningConfig.formatOf(state.config()));
        assertEquals(render("2"), new String(state.config(), StandardCharsets.UTF_8));
        assertEquals("1.0.0", state.keptVersion());
    }

    @Test
    void givenTheSameFormat_whenNewSoftwareBoots_thenTheConfigurationIsKept() {
        DeviceState state = new DeviceState(DeviceSettings.defaults(7, 0).withFaults(Set.of()));
        byte[] custom = "format=1\n[user]\nuser.1.name=kept\n".getBytes(StandardCharsets.UTF_8);
        state.setConfig(custom);
        state.install("1.1.0", "1");
        assertEquals(new String(custom, StandardCharsets.UTF_8), new String(state.config(), StandardCharsets.UTF_8));
    }

    @Test
    void givenAConfigurationSize_whenRendered_thenTheDefaultIsPaddedWithADialPlanToThatSize() {
        String plain = render("1");
        String padded = new String(RunningConfig.initial(7, "1", 20_480), StandardCharsets.UTF_8);
        assertTrue(padded.length() >= 20_480 && padded.length() < 20_480 + 100, "length " + padded.length());
        assertTrue(padded.startsWith(plain + "[dial-plan]\n"), padded.substring(0, 400));
        for (String line : padded.substring(plain.length() + "[dial-plan]\n".length()).split("\n")) {
            assertTrue(line.matches("rule\\.\\d{5}=prefix \\d{7} length \\d+ route trunk-\\d"), line);
        }
        assertEquals(padded, new String(RunningConfig.initial(7, "1", 20_480), StandardCharsets.UTF_8),
                "deterministic");
        assertNotEquals(padded, new String(RunningConfig.initial(8, "1", 20_480), StandardCharsets.UTF_8),
                "every device has its own configuration");
    }

    @Test
    void givenASizeBelowTheDefaultsOwn_thenNothingIsAdded() {
        assertEquals(render("2"), new String(RunningConfig.initial(7, "2", 10), StandardCharsets.UTF_8));
    }

    @Test
    void givenADeviceWithAConfigurationSize_thenItStartsWithThePaddedConfiguration() {
        DeviceState state = new DeviceState(DeviceSettings.defaults(7, 0).withConfigBytes(4096));
        assertTrue(state.config().length >= 4096, "length " + state.config().length);
        assertEquals("1", RunningConfig.formatOf(state.config()));
    }

    @Test
    void aSizeADeviceCouldNotRestoreIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceSettings.defaults(1, 0).withConfigBytes(9 << 20));
        assertEquals("configuration size must be 0-8388608 bytes (got 9437184)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeviceSettings.defaults(1, 0).withConfigBytes(-1));
    }

    @Test
    void givenAFileCopiedIntoTheRunningConfiguration_whenMerged_thenItsKeysOverrideAndEverythingItOmitsStays() {
        String running = "# header\nformat=1\n[user]\nuser.1.name=a\nuser.1.phone=1\n[default]\ndefault.country=us\n"
                + "banner.boot=mine\n";
        String file = "format=1\n[user]\nuser.1.name=b\nuser.2.name=c\n\n[port]\nport.1.name=fxs1\n";

        String merged = merge(running, file);

        assertEquals("# header\nformat=1\n[user]\nuser.1.name=b\nuser.1.phone=1\nuser.2.name=c\n[default]\n"
                + "default.country=us\nbanner.boot=mine\n[port]\nport.1.name=fxs1\n", merged);
    }

    @Test
    void givenTheRunningConfigurationItself_whenMerged_thenNothingChanges() {
        String config = new String(RunningConfig.initial(7, "2", 2048), StandardCharsets.UTF_8);
        assertEquals(config, merge(config, config));
    }

    @Test
    void givenTheSameKeyInTwoSections_whenMerged_thenOnlyItsOwnSectionChanges() {
        String running = "[protocol sip]\nregistrar=192.0.2.10\n[protocol h323]\nregistrar=192.0.2.20\n";
        assertEquals("[protocol sip]\nregistrar=192.0.2.10\n[protocol h323]\nregistrar = 198.51.100.1\n",
                merge(running, "[protocol h323]\nregistrar = 198.51.100.1\n"), "keys compare without spaces");
    }

    private static String merge(String running, String file) {
        return new String(
                RunningConfig.merge(running.getBytes(StandardCharsets.UTF_8), file.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }
}
