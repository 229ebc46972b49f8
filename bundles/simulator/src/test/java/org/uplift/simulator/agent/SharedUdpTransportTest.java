package org.uplift.simulator.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
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
import org.uplift.simulator.DeviceStatus;
import org.uplift.simulator.Fleet;
import org.uplift.simulator.FleetSettings;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedUdpTransportTest {

    @Test
    void givenAFleetOf300_thenEveryAgentAnswersAndTheyShareAFewThreads() throws Exception {
        try (Fleet fleet = Fleet.start(new FleetSettings(300, 0, "IAD-1000", "1.0.0", 1, Map.of()));
                Snmp snmp = new Snmp(
                        new DefaultUdpTransportMapping(new UdpAddress(InetAddress.getLoopbackAddress(), 0)))) {
            snmp.listen();
            for (DeviceStatus device : fleet.devices()) {
                CommunityTarget<UdpAddress> target = new CommunityTarget<>(
                        new UdpAddress(InetAddress.getLoopbackAddress(), device.port()), new OctetString("public"));
                target.setVersion(SnmpConstants.version2c);
                target.setTimeout(2000);
                target.setRetries(2);
                PDU get = new PDU();
                get.add(new VariableBinding(SnmpConstants.sysName));
                ResponseEvent<UdpAddress> answer = snmp.get(get, target);
                assertTrue(answer.getResponse() != null, "no answer from device " + device.index());
                assertEquals(String.format("uplift-sim-%04d", device.index()),
                        answer.getResponse().get(0).getVariable().toString());
            }
            long snmpThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("uplift-sim-snmp-")).count();
            assertTrue(snmpThreads >= 1 && snmpThreads <= 4, snmpThreads + " SNMP threads for 300 agents");
        }
    }
}
