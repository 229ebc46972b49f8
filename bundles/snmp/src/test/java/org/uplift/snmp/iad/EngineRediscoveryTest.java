package org.uplift.snmp.iad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.simulator.DeviceSettings;
import org.uplift.simulator.Fault;
import org.uplift.simulator.FaultKind;
import org.uplift.simulator.SimulatedDevice;
import org.uplift.simulator.V3User;
import org.uplift.snmp.session.SnmpSession;

/**
 * SNMPv3 devices that restart: a new engine ID (unknownEngineID) or the same one with higher
 * boots (notInTimeWindow) is rediscovered and the read succeeds; a wrong passphrase is not retried.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EngineRediscoveryTest {

    private static final long REBOOT_MILLIS = 700;

    private SimulatedDevice simulator;
    private SnmpSession session;
    private UpliftIadDriver driver;

    @AfterEach
    void stop() throws Exception {
        if (driver != null) {
            driver.deactivate();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @Test
    void givenAV3DeviceThatTakesANewEngineIdAtReboot_whenFactsAreReadAfterIt_thenOneRediscoveryAndTheReadSucceeds()
            throws Exception {
        start(Set.of(Fault.of(FaultKind.ENGINE_ID_CHANGE)));
        Device device = v3(V3User.DEFAULT.authPassphrase());
        assertEquals(1, driver.facts(device).engineBoots());
        String before = simulator.engineId();

        rebootAndAwaitAnswers();

        // sent to the old engine ID: unknownEngineID, rediscovery, the same GET again
        DeviceFacts after = driver.facts(device);

        assertNotEquals(before, simulator.engineId(), "the agent took a new engine ID");
        assertEquals(2, after.engineBoots(), "snmpEngineBoots rose");
        assertEquals(1, session.rediscoveries(), "one rediscovery after unknownEngineID");
        assertFalse(simulator.faults().stream().anyMatch(f -> f.kind() == FaultKind.ENGINE_ID_CHANGE),
                "the fault is used up by the reboot");
        driver.facts(device);
        assertEquals(1, session.rediscoveries(), "the new engine ID is kept");
    }

    @Test
    void givenARequestTheRebootingDeviceLeftUnanswered_whenItIsBackWithANewEngineId_thenTheNextReadSucceeds()
            throws Exception {
        start(Set.of(Fault.of(FaultKind.ENGINE_ID_CHANGE)));
        Device device = v3(V3User.DEFAULT.authPassphrase());
        driver.facts(device);

        simulator.reboot();
        awaitRebooting(true);
        DeviceException unanswered = assertThrows(DeviceException.class, () -> driver.facts(device));
        assertTrue(unanswered.unreachable(), unanswered.getMessage());
        awaitRebooting(false);

        DeviceFacts after = driver.facts(device);

        assertEquals(2, after.engineBoots());
        assertEquals(1, session.rediscoveries(), "the unanswered request made the session forget the engine once");
    }

    @Test
    void givenAV3DeviceThatRebootsWithTheSameEngineId_whenFactsAreReadAfterIt_thenTheNewTimeWindowIsLearnt()
            throws Exception {
        start(Set.of());
        Device device = v3(V3User.DEFAULT.authPassphrase());
        assertEquals(1, driver.facts(device).engineBoots());
        String before = simulator.engineId();

        rebootAndAwaitAnswers();

        DeviceFacts after = driver.facts(device);

        assertEquals(before, simulator.engineId());
        assertEquals(2, after.engineBoots(), "the agent's boots rose, so the old ones are outside its time window");
        assertTrue(session.rediscoveries() <= 1, "at most one rediscovery: " + session.rediscoveries());
    }

    @Test
    void givenAWrongPassphrase_whenFactsAreRead_thenOneLineErrorWithinOneRequestsTime_notARetryLoop()
            throws Exception {
        start(Set.of());
        Device wrong = v3("not-the-auth-pass");

        for (int attempt = 1; attempt <= 2; attempt++) {
            long started = System.nanoTime();
            DeviceException e = assertThrows(DeviceException.class, () -> driver.facts(wrong));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

            assertTrue(e.getMessage().contains("v3-61"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
            assertFalse(e.getMessage().contains("not-the-auth-pass"), e.getMessage());
            // one GET (300 ms, 1 retry) after at most one discovery: not resent again and again
            assertTrue(millis < 1500, "attempt " + attempt + " took " + millis + " ms");
            assertTrue(session.rediscoveries() <= attempt, "at most one rediscovery per failed read: "
                    + session.rediscoveries());
        }
    }

    private void start(Set<Fault> faults) throws Exception {
        simulator = new SimulatedDevice(DeviceSettings.defaults(61, 0).withRebootMillis(REBOOT_MILLIS)
                .withFaults(faults));
        session = new SnmpSession(300, 1);
        driver = new UpliftIadDriver(session);
    }

    private Device v3(String authPassphrase) {
        V3User user = V3User.DEFAULT;
        return new Device("v3-" + simulator.index(), "127.0.0.1", simulator.port(),
                SnmpCredentials.v3(user.name(), authPassphrase, user.privPassphrase()), null);
    }

    /** Reboots the device and waits until it has been silent and answers again. */
    private void rebootAndAwaitAnswers() throws InterruptedException {
        simulator.reboot();
        awaitRebooting(true);
        awaitRebooting(false);
    }

    private void awaitRebooting(boolean rebooting) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (simulator.status().rebooting() != rebooting) {
            assertTrue(System.nanoTime() < deadline,
                    "the device did not become " + (rebooting ? "silent" : "answering"));
            Thread.sleep(20);
        }
    }
}
