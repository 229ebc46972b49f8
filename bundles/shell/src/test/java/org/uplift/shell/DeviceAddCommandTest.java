package org.uplift.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.uplift.shell.fakes.Commands.command;
import static org.uplift.shell.fakes.Commands.run;
import static org.uplift.shell.fakes.Commands.set;

import org.junit.jupiter.api.Test;
import org.uplift.api.device.SnmpVersion;
import org.uplift.shell.fakes.Commands.Run;
import org.uplift.shell.fakes.FakeRegistry;

/** uplift:device-add chooses the SNMP version: 2c by default, 1 on request, 3 by --v3-user. */
class DeviceAddCommandTest {

    private final FakeRegistry registry = new FakeRegistry();

    private DeviceAddCommand add(String id) {
        DeviceAddCommand c = command(DeviceAddCommand.class, registry);
        set(c, "id", id);
        return set(c, "host", "192.0.2.9");
    }

    @Test
    void byDefaultTheDeviceIsReachedOverV2c() {
        Run run = run(add("iad-1"));

        assertNull(run.failure());
        assertEquals(SnmpVersion.V2C, registry.device("iad-1").orElseThrow().credentials().version());
    }

    @Test
    void givenSnmpVersion1_thenTheDeviceIsReachedOverV1WithItsCommunity_andTheCommunityIsNotPrinted() {
        Run run = run(set(set(add("old-1"), "snmpVersion", "1"), "community", "s3cret-community"));

        assertNull(run.failure());
        assertEquals(SnmpVersion.V1, registry.device("old-1").orElseThrow().credentials().version());
        assertEquals("s3cret-community", registry.device("old-1").orElseThrow().credentials().community());
        assertTrue(run.out().contains("v1 community=****"), run.out());
        assertFalse(run.out().contains("s3cret-community"), run.out());
    }

    @Test
    void givenAnUnknownVersionOrV1WithAV3User_thenOneClearLine() {
        Run three = run(set(add("x-1"), "snmpVersion", "3"));
        assertEquals("--snmp-version must be 1 or 2c (got '3'); SNMPv3 is chosen by --v3-user",
                three.failure().getMessage());

        Run both = run(set(set(set(set(add("x-2"), "snmpVersion", "1"), "v3User", "uplift"), "authPass", "authpass1"),
                "privPass", "privpass1"));
        assertEquals("--snmp-version 1 and --v3-user exclude each other", both.failure().getMessage());
        assertTrue(registry.devices().isEmpty());
    }
}
