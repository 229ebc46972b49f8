package org.uplift.snmp.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;

/**
 * 50 SNMPv3 informs a second, each from a user the receiver does not know: each makes USM count an
 * unknown user, and each asks for a USM refresh, but at most one runs per rate-limit window (10 s
 * here) and it runs on the receiver's own thread, never the listener's.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UnknownUserRefreshTest {

    private static final int PACKETS = 50;

    @Test
    void given50UnknownUserInformsInASecond_thenAtMostOneRefreshRuns_offTheListenerThread() throws Exception {
        TestInventory inventory = new TestInventory(new Device("v3-1", "127.0.0.1", 16103,
                SnmpCredentials.v3("uplift", "uplift-auth-pass", "uplift-priv-pass"), null));
        NotificationReceiver receiver = Receivers.start(inventory, Receivers.config(600, 16, 4096, 10));
        inventory.readers.clear();
        SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.maxCompatibility);
        OctetString engineId = new OctetString(MPv3.createLocalEngineID());
        USM usm = new USM(protocols, engineId, 0, new CounterSupport());
        try (Snmp sender = v3Sender(usm, protocols, engineId)) {
            long start = System.nanoTime();
            for (int i = 0; i < PACKETS; i++) {
                OctetString user = new OctetString("mallory-" + i);
                usm.addUser(user, new UsmUser(user, AuthHMAC192SHA256.ID, new OctetString("mallory-auth-pass"),
                        PrivAES128.ID, new OctetString("mallory-priv-pass")));
                sender.send(inform(), target(user, receiver.port()), null, IGNORE);
                Thread.sleep(1000 / PACKETS);
            }
            NotificationTrustTest.awaitTrue(() -> receiver.unknownUsers() >= PACKETS);
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

            assertTrue(elapsedMillis < 10_000, "all within one window: " + elapsedMillis + " ms");
            assertEquals(1, receiver.userRefreshes(), "one refresh for " + receiver.unknownUsers() + " unknown users");
            assertEquals(Set.of("uplift-notification-upkeep"), inventory.readers, "read on the receiver's thread");
            assertEquals(0, receiver.book().kept());
        } finally {
            receiver.deactivate();
        }
    }

    private static Snmp v3Sender(USM usm, SecurityProtocols protocols, OctetString engineId) throws Exception {
        CounterSupport counters = new CounterSupport();
        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv3(engineId.getValue(), null, protocols,
                SecurityModels.getCollection(new SecurityModel[]{usm}), counters));
        Snmp snmp = new Snmp(dispatcher, new DefaultUdpTransportMapping(
                new UdpAddress(InetAddress.getLoopbackAddress(), 0)));
        snmp.listen();
        return snmp;
    }

    private static PDU inform() {
        ScopedPDU pdu = new ScopedPDU();
        pdu.setType(PDU.INFORM);
        pdu.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks(100)));
        pdu.add(new VariableBinding(SnmpConstants.snmpTrapOID, new OID("1.3.6.1.4.1.32473.7.0.1")));
        return pdu;
    }

    private static UserTarget<UdpAddress> target(OctetString user, int port) {
        UserTarget<UdpAddress> target = new UserTarget<>();
        target.setAddress(new UdpAddress(InetAddress.getLoopbackAddress(), port));
        target.setVersion(SnmpConstants.version3);
        target.setSecurityLevel(SecurityLevel.AUTH_PRIV);
        target.setSecurityName(user);
        target.setTimeout(200);
        target.setRetries(0);
        return target;
    }

    private static final ResponseListener IGNORE = new ResponseListener() {
        @Override
        public <A extends Address> void onResponse(ResponseEvent<A> event) {
            ((Snmp) event.getSource()).cancel(event.getRequest(), this);
        }
    };
}
