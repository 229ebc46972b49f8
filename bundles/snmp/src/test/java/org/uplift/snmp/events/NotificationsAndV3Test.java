package org.uplift.snmp.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.Snmp;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.OperationCompletion;
import org.uplift.api.driver.OperationHandle;
import org.uplift.api.driver.OperationState;
import org.uplift.simulator.DeviceSettings;
import org.uplift.simulator.Fault;
import org.uplift.simulator.NotificationTarget;
import org.uplift.simulator.SimulatedDevice;
import org.uplift.simulator.V3User;
import org.uplift.snmp.session.SnmpSession;

/** SNMPv3 authPriv sessions, v1 and v2c traps and v3 informs from the simulator, turned into completions. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NotificationsAndV3Test {

    private NotificationReceiver receiver;
    private SnmpSession session;
    private SimulatedDevice simulator;
    private final TestInventory inventory = new TestInventory();

    @BeforeEach
    void start() throws Exception {
        receiver = Receivers.start(inventory);
        session = new SnmpSession(500, 1);
    }

    @AfterEach
    void stop() throws Exception {
        if (simulator != null) {
            simulator.close();
        }
        session.close();
        receiver.deactivate();
    }

    @Test
    void givenAV3Device_whenReadWithAuthPriv_thenItAnswers_andWrongPassphrasesGiveOneClearMessage() throws Exception {
        simulator = new SimulatedDevice(DeviceSettings.defaults(21, 0));
        V3User user = V3User.DEFAULT;
        Device good = new Device("v3-good", "127.0.0.1", simulator.port(),
                SnmpCredentials.v3(user.name(), user.authPassphrase(), user.privPassphrase()), null);

        assertEquals("1.0.0", session.get(good, new org.snmp4j.smi.OID("1.3.6.1.4.1.32473.7.1.1.2.0"))
                .get(0).getVariable().toString());

        Device wrong = new Device("v3-wrong", "127.0.0.1", simulator.port(),
                SnmpCredentials.v3(user.name(), "not-the-auth-pass", user.privPassphrase()), null);
        DeviceException e = assertThrows(DeviceException.class,
                () -> session.get(wrong, SnmpConstants.sysUpTime));
        assertTrue(e.getMessage().contains("v3-wrong"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-auth-pass"), e.getMessage());
    }

    @Test
    void givenV2cTraps_whenABackupFails_thenTheCompletionArrivesWithItsFailCause() throws Exception {
        simulator = new SimulatedDevice(DeviceSettings.defaults(22, 0)
                .withNotify(new NotificationTarget("127.0.0.1", receiver.port(), false))
                .withFaults(Set.of(Fault.parse("backup-fail"))));
        Device device = known(new Device("trap", "127.0.0.1", simulator.port(), SnmpCredentials.v2c("private"), null));

        OperationCompletion completion = startAndAwait(device);

        assertEquals(OperationState.FAILED, completion.state());
        assertEquals("unknown", completion.failCause());
        assertEquals(simulator.port(), completion.sourcePort());
        assertEquals("1.3.6.1.4.1.32473.7.0.1", completion.notification());
    }

    @Test
    void givenAV1DeviceSendingV1Traps_whenABackupFails_thenTheTrapArrivesAsTheSameCompletion() throws Exception {
        simulator = new SimulatedDevice(DeviceSettings.defaults(25, 0)
                .withNotify(new NotificationTarget("127.0.0.1", receiver.port(), NotificationTarget.Kind.V1_TRAP))
                .withFaults(Set.of(Fault.parse("backup-fail"))));
        Device device = known(
                new Device("v1-trap", "127.0.0.1", simulator.port(), SnmpCredentials.v1("private"), null));

        OperationCompletion completion = startAndAwait(device);

        assertEquals(OperationState.FAILED, completion.state());
        assertEquals("unknown", completion.failCause());
        assertEquals(simulator.port(), completion.sourcePort());
        assertEquals("1.3.6.1.4.1.32473.7.0.1", completion.notification(), "enterprise.0.specific (RFC 3584)");
    }

    @Test
    void givenAV1CcCopyCompletionTrap_thenItIsDecodedThoughItsV1FormHasAnotherOid() throws Exception {
        // ccCopyCompletion (...96.2.1.1) as IOS sends it over v1: enterprise ccCopyMIBTraps, specific-trap 1
        PDUv1 trap = new PDUv1();
        trap.setType(PDU.V1TRAP);
        trap.setEnterprise(new OID("1.3.6.1.4.1.9.9.96.2.1"));
        trap.setGenericTrap(PDUv1.ENTERPRISE_SPECIFIC);
        trap.setSpecificTrap(1);
        trap.add(new VariableBinding(new OID("1.3.6.1.4.1.9.9.96.1.1.1.1.10.31"), new Integer32(3)));
        var future = receiver.completion(
                known(new Device("ios", "127.0.0.1", 161, SnmpCredentials.v1("private"), null)),
                new OperationHandle(31));
        try (Snmp sender = new Snmp(new DefaultUdpTransportMapping())) {
            CommunityTarget<UdpAddress> target = new CommunityTarget<>(
                    new UdpAddress(InetAddress.getLoopbackAddress(), receiver.port()), new OctetString("private"));
            target.setVersion(SnmpConstants.version1);
            sender.send(trap, target);

            OperationCompletion completion = future.get(5, TimeUnit.SECONDS);

            assertEquals(OperationState.SUCCESSFUL, completion.state());
            assertEquals("1.3.6.1.4.1.9.9.96.2.1.1", completion.notification());
        }
        assertEquals(new OID("1.3.6.1.4.1.9.9.96.2.1.0.1"), V1Traps.roundTrip(new OID("1.3.6.1.4.1.9.9.96.2.1.1")));
        assertEquals(new OID("1.3.6.1.4.1.32473.7.0.1"), V1Traps.roundTrip(new OID("1.3.6.1.4.1.32473.7.0.1")));
    }

    @Test
    void givenV3Informs_whenAnOperationEnds_thenTheCompletionArrives() throws Exception {
        simulator = new SimulatedDevice(DeviceSettings.defaults(23, 0)
                .withNotify(new NotificationTarget("127.0.0.1", receiver.port(), true))
                .withFaults(Set.of(Fault.parse("download-fail:noMemory"))));
        V3User user = V3User.DEFAULT;
        SnmpCredentials credentials = SnmpCredentials.v3(user.name(), user.authPassphrase(), user.privPassphrase());
        Device device = known(new Device("inform", "127.0.0.1", simulator.port(), credentials, null));

        OperationCompletion completion = startAndAwait(device);

        assertEquals(OperationState.FAILED, completion.state());
        assertEquals("noMemory", completion.failCause());
    }

    @Test
    void givenACompletionThatArrivedAfterTheStartButBeforeTheWaiter_thenTheWaiterStillGetsIt() throws Exception {
        simulator = new SimulatedDevice(DeviceSettings.defaults(24, 0)
                .withNotify(new NotificationTarget("127.0.0.1", receiver.port(), false))
                .withFaults(Set.of(Fault.parse("backup-fail"))));
        Device device = known(new Device("late", "127.0.0.1", simulator.port(), SnmpCredentials.v2c("private"), null));
        Instant startedAt = Instant.now();
        session.set(device, rowCreation(77, 1));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (receiver.book().keptOf("late") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        OperationCompletion completion = receiver.completion(device, new OperationHandle(77), startedAt)
                .get(2, TimeUnit.SECONDS);
        assertEquals(OperationState.FAILED, completion.state());
        assertNull(receiver.completion(device, new OperationHandle(78)).getNow(null));
    }

    @Test
    void givenEachKindOfNotification_whenTheSimulatedDeviceReboots_thenItsColdStartEndsTheRestartWait()
            throws Exception {
        V3User user = V3User.DEFAULT;
        SnmpCredentials v3 = SnmpCredentials.v3(user.name(), user.authPassphrase(), user.privPassphrase());
        int n = 0;
        for (NotificationTarget.Kind kind : NotificationTarget.Kind.values()) {
            n++;
            try (SimulatedDevice device = new SimulatedDevice(DeviceSettings.defaults(30 + n, 0).withRebootMillis(300)
                    .withNotify(new NotificationTarget("127.0.0.1", receiver.port(), kind)))) {
                SnmpCredentials credentials = switch (kind) {
                    case V1_TRAP -> SnmpCredentials.v1("private");
                    case V2C_TRAP -> SnmpCredentials.v2c("private");
                    case V3_INFORM -> v3;
                };
                Device known = known(new Device("restart-" + kind, "127.0.0.1", device.port(), credentials, null));
                Instant since = Instant.now();
                java.util.concurrent.CompletableFuture<Instant> restart = receiver.restart(known, since);

                device.reboot();
                Instant told = restart.get(10, TimeUnit.SECONDS);

                assertFalse(told.isBefore(since.plusMillis(300)), kind + ": told before the reboot was over");
                // the agent said so once it answers again: a read now finds the restarted device
                long upTime = ((org.snmp4j.smi.TimeTicks) session.get(known, SnmpConstants.sysUpTime).get(0)
                        .getVariable()).getValue();
                assertTrue(upTime < 300, kind + ": sysUpTime " + upTime + " hundredths after the coldStart");
            }
        }
    }

    /** Puts the device in the receiver's inventory and waits until the receiver has read it. */
    private Device known(Device device) throws Exception {
        inventory.devices.add(device);
        receiver.refreshSoon().get(5, TimeUnit.SECONDS);
        return device;
    }

    private OperationCompletion startAndAwait(Device device) throws Exception {
        int index = 4242;
        Instant startedAt = Instant.now();
        session.set(device, rowCreation(index, device.id().equals("inform") ? 3 : 1));
        return receiver.completion(device, new OperationHandle(index), startedAt).get(10, TimeUnit.SECONDS);
    }

    private static org.snmp4j.smi.VariableBinding[] rowCreation(int index, int type) {
        org.snmp4j.smi.OID entry = new org.snmp4j.smi.OID("1.3.6.1.4.1.32473.7.1.2.1");
        return new org.snmp4j.smi.VariableBinding[]{
                new org.snmp4j.smi.VariableBinding(new org.snmp4j.smi.OID(entry).append(2).append(index),
                        new org.snmp4j.smi.Integer32(type)),
                new org.snmp4j.smi.VariableBinding(new org.snmp4j.smi.OID(entry).append(14).append(index),
                        new org.snmp4j.smi.Integer32(4))
        };
    }
}
