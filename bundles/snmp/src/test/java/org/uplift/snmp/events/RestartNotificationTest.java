package org.uplift.snmp.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.snmp4j.PDUv1;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.repository.testing.ExternalTools;

/**
 * Restart notifications (SNMPv2-MIB coldStart and warmStart, and their SNMPv1 generic traps) wake a
 * wait for the device's restart, under the same sender checks as a completion: each forgery below is
 * a real UDP packet from a loopback address that must leave the wait open, and the genuine one sent
 * after it must end it, so each test fails if the receiver hears nothing at all. Net-SNMP's snmptrap
 * (Debian package {@code snmp}) sends the genuine ones in the last test.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RestartNotificationTest {

    private static final Device IAD = new Device("iad-1", "127.0.0.1", 16101, SnmpCredentials.v2c("private"), null);
    private static final Device OTHER = new Device("iad-2", "127.0.0.2", 16102, SnmpCredentials.v2c("private"),
            null);
    private static final OID ENTERPRISE = new OID("1.3.6.1.4.1.32473.7.10");

    private NotificationReceiver receiver;

    @AfterEach
    void stop() throws Exception {
        if (receiver != null) {
            receiver.deactivate();
        }
    }

    @Test
    void givenAColdStartWithTheWrongCommunity_thenItIsDropped_andTheGenuineOneEndsTheWait() throws Exception {
        receiver = Receivers.start(new TestInventory(IAD, OTHER));
        Instant since = Instant.now();
        CompletableFuture<Instant> restart = receiver.restart(IAD, since);

        try (SpoofedTraps device = new SpoofedTraps("127.0.0.1", receiver.port())) {
            device.sendV2c("public", SnmpConstants.coldStart);
            NotificationTrustTest.awaitTrue(() -> receiver.dropped(DropReason.WRONG_COMMUNITY) == 1);
            assertFalse(restart.isDone(), "a wrong community must not wake the wait");

            device.sendV2c("private", SnmpConstants.coldStart);
        }
        Instant receivedAt = restart.get(2, TimeUnit.SECONDS);
        assertFalse(receivedAt.isBefore(since));
        assertEquals(0, receiver.restarts().waiters(), "the answered wait is forgotten");
    }

    @Test
    void givenAnotherDevicesColdStart_thenTheWaitStaysOpen() throws Exception {
        receiver = Receivers.start(new TestInventory(IAD, OTHER));
        CompletableFuture<Instant> restart = receiver.restart(IAD, Instant.now());

        try (SpoofedTraps other = new SpoofedTraps("127.0.0.2", receiver.port());
                SpoofedTraps stranger = new SpoofedTraps("127.0.9.9", receiver.port());
                SpoofedTraps device = new SpoofedTraps("127.0.0.1", receiver.port())) {
            other.sendV2c("private", SnmpConstants.coldStart); // a device of the inventory, but not this one
            stranger.sendV2c("private", SnmpConstants.coldStart);
            NotificationTrustTest.awaitTrue(() -> receiver.received() == 2);
            assertEquals(1, receiver.dropped(DropReason.UNKNOWN_SOURCE));
            Thread.sleep(100);
            assertFalse(restart.isDone(), "another device's restart is not this one's");

            device.sendV2c("private", SnmpConstants.warmStart);
        }
        restart.get(2, TimeUnit.SECONDS);
    }

    @Test
    void givenAWaitFromLaterOn_thenAColdStartReceivedBeforeItsTimeDoesNotEndIt() throws Exception {
        receiver = Receivers.start(new TestInventory(IAD));
        CompletableFuture<Instant> later = receiver.restart(IAD, Instant.now().plusSeconds(3_600));
        CompletableFuture<Instant> now = receiver.restart(IAD, Instant.now());

        try (SpoofedTraps device = new SpoofedTraps("127.0.0.1", receiver.port())) {
            device.sendV2c("private", SnmpConstants.coldStart);
        }
        now.get(2, TimeUnit.SECONDS);
        assertFalse(later.isDone(), "received before the wait's own time");
        later.cancel(false);
        assertEquals(0, receiver.restarts().waiters(), "a cancelled wait is forgotten");
    }

    @Test
    void givenSnmpV1GenericTraps_thenColdStartAndWarmStartEndTheWait_andOthersDoNot() throws Exception {
        receiver = Receivers.start(new TestInventory(IAD));
        CompletableFuture<Instant> first = receiver.restart(IAD, Instant.now());

        try (SpoofedTraps device = new SpoofedTraps("127.0.0.1", receiver.port())) {
            device.sendV1Generic("private", PDUv1.LINKDOWN, ENTERPRISE);
            device.sendV1Generic("private", PDUv1.AUTHENTICATIONFAILURE, ENTERPRISE);
            NotificationTrustTest.awaitTrue(() -> receiver.received() == 2);
            Thread.sleep(100);
            assertFalse(first.isDone(), "linkDown and authenticationFailure are not restarts");

            device.sendV1Generic("private", PDUv1.COLDSTART, ENTERPRISE);
            first.get(2, TimeUnit.SECONDS);
            CompletableFuture<Instant> second = receiver.restart(IAD, Instant.now());
            device.sendV1Generic("private", PDUv1.WARMSTART, ENTERPRISE);
            second.get(2, TimeUnit.SECONDS);
        }
    }

    @Test
    void givenNetSnmpsSnmptrap_whenItSendsColdStartInV2cAndV1_thenEachEndsAWait() throws Exception {
        String snmptrap = ExternalTools.require("snmptrap", "snmp");
        receiver = Receivers.start(new TestInventory(IAD));
        String to = "127.0.0.1:" + receiver.port();

        CompletableFuture<Instant> v2c = receiver.restart(IAD, Instant.now());
        // numeric OIDs: Debian's Net-SNMP ships no MIB modules to name them by
        ExternalTools.run(snmptrap, "-v", "2c", "-c", "private", to, "", ".1.3.6.1.6.3.1.1.5.1");
        v2c.get(5, TimeUnit.SECONDS);

        CompletableFuture<Instant> v1 = receiver.restart(IAD, Instant.now());
        ExternalTools.run(snmptrap, "-v", "1", "-c", "private", to, ENTERPRISE.toDottedString(), "127.0.0.1", "0",
                "0", "");
        v1.get(5, TimeUnit.SECONDS);
        assertTrue(receiver.received() >= 2);
        assertEquals(0, receiver.dropped(), "nothing dropped");
    }
}
