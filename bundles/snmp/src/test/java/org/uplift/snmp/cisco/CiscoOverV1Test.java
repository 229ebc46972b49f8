package org.uplift.snmp.cisco;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.simulator.DeviceSettings;
import org.uplift.simulator.Personality;
import org.uplift.simulator.SimulatedDevice;

/** An older IOS device reached over SNMPv1: no GETBULK, so its ENTITY-MIB and CISCO-IMAGE-MIB rows are walked with GETNEXT. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CiscoOverV1Test {

    @Test
    void givenAV1IosDevice_whenFactsAreRead_thenTheWalkedRowsGiveVersionAndModel() throws Exception {
        try (SimulatedDevice router = new SimulatedDevice(DeviceSettings.defaults(83, 0)
                .withPersonalities(EnumSet.of(Personality.CISCO_CONFIG_COPY)))) {
            CiscoConfigCopyDriver driver = new CiscoConfigCopyDriver(CiscoConfigCopyDriverTest.config(Map.of()));
            try {
                DeviceFacts facts = driver.facts(new Device("ios-v1", "127.0.0.1", router.port(),
                        SnmpCredentials.v1("private"), null));

                assertEquals("1.0.0", facts.runningVersion(), "from CISCO-IMAGE-MIB's CW_VERSION row");
                assertEquals("IAD-1000", facts.model(), "from ENTITY-MIB's chassis row");
                assertEquals(1, facts.engineBoots(), "snmpEngineBoots, also over v1");
            } finally {
                driver.deactivate();
            }
        }
    }
}
