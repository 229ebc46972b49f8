package org.uplift.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SimulatedDeviceTest {

    @Test
    void theConfigurationHasFourSectionsAndDiffersPerDevice() throws Exception {
        try (Fleet fleet = Fleet.start(new FleetSettings(2, 0, "IAD-1000", "1.0.0", 3, Map.of()))) {
            DeviceStatus first = fleet.devices().get(0);
            DeviceStatus second = fleet.devices().get(1);
            String config = new String(fleet.device(first.port()).orElseThrow().runningConfig(),
                    StandardCharsets.UTF_8);

            for (String section : new String[]{"[user]", "[port]", "[protocol]", "[default]", "format=1"}) {
                assertTrue(config.contains(section), section);
            }
            assertNotEquals(first.configDigest(), second.configDigest());
            assertEquals(64, first.configDigest().length());
            assertEquals("1.0.0", first.runningVersion());
        }
    }

    @Test
    void givenHostV6Loopback_thenTheDeviceAnswersSnmpThere() throws Exception {
        FleetSettings settings = new FleetSettings(1, 0, "IAD-1000", "1.0.0", 3, Map.of()).withHost("::1");
        try (Fleet fleet = Fleet.start(settings);
                Snmp snmp = new Snmp(new DefaultUdpTransportMapping(new UdpAddress(InetAddress.getByName("::1"), 0)))) {
            DeviceStatus device = fleet.devices().get(0);
            assertEquals("::1", device.host());
            snmp.listen();
            CommunityTarget<UdpAddress> target = new CommunityTarget<>(
                    new UdpAddress(InetAddress.getByName("::1"), device.port()), new OctetString("public"));
            target.setVersion(SnmpConstants.version2c);
            target.setTimeout(2000);
            PDU get = new PDU();
            get.add(new VariableBinding(SnmpConstants.sysDescr));
            ResponseEvent<UdpAddress> answer = snmp.get(get, target);
            assertTrue(answer.getResponse() != null, "no answer on udp:[::1]:" + device.port());
            assertEquals("Uplift simulated IAD-1000 software 1.0.0",
                    answer.getResponse().get(0).getVariable().toString());
        }
    }
}
