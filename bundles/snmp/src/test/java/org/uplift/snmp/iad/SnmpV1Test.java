package org.uplift.snmp.iad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.OperationHandle;
import org.uplift.api.driver.OperationRequest;
import org.uplift.api.driver.OperationState;
import org.uplift.api.driver.OperationStatus;
import org.uplift.api.driver.OperationType;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.repository.testing.ExternalTools;
import org.uplift.simulator.DeviceSettings;
import org.uplift.simulator.Personality;
import org.uplift.simulator.SimulatedDevice;
import org.uplift.snmp.session.SnmpSession;
import org.uplift.snmp.testing.OperationPoll;

/**
 * Older devices over SNMPv1: the UPLIFT-IAD-MIB driver reads facts and runs a backup to its end;
 * a missing object (v1's noSuchName for the whole GET) reads as noSuchObject; Net-SNMP's
 * snmpget -v1 reads the simulator.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SnmpV1Test {

    private SimulatedDevice simulator;
    private TestTftpServer tftp;
    private UpliftIadDriver driver;
    private SnmpSession session;

    @BeforeEach
    void start() throws Exception {
        simulator = new SimulatedDevice(DeviceSettings.defaults(81, 0));
        tftp = new TestTftpServer();
        driver = new UpliftIadDriver(UpliftIadDriverTest.config(300, 1));
        session = new SnmpSession(300, 1);
    }

    @AfterEach
    void stop() throws Exception {
        session.close();
        driver.deactivate();
        tftp.close();
        simulator.close();
    }

    @Test
    void givenAV1Device_whenFactsAreRead_thenTheIadMibAndSnmpEngineBootsAnswer() throws Exception {
        DeviceFacts facts = driver.facts(v1(simulator));

        assertEquals("1.3.6.1.4.1.32473.7.3.1", facts.sysObjectId());
        assertEquals("IAD-1000", facts.model());
        assertEquals("1.0.0", facts.runningVersion());
        assertEquals(1, facts.engineBoots());
    }

    @Test
    void givenAV1Device_whenABackupRuns_thenItCompletesAndTheFileArrives() throws Exception {
        Device device = v1(simulator);

        OperationHandle handle = driver.start(device, new OperationRequest(OperationType.BACKUP_CONFIG,
                TransferProtocol.TFTP, "127.0.0.1", tftp.port(), "backup-v1.cfg", null, null));
        OperationStatus status = OperationPoll.awaitEnd(driver, device, handle, Duration.ofSeconds(15));

        assertEquals(OperationState.SUCCESSFUL, status.state(), status.describeFailure());
        assertNotNull(tftp.received.get("backup-v1.cfg"), "the server received the backup");
        driver.release(device, handle);
        assertEquals(OperationState.UNKNOWN, driver.status(device, handle).state(), "the row is gone");
    }

    @Test
    void givenAV1GetWithAMissingObject_thenTheOthersAnswerAndTheMissingOneIsNoSuchObject() throws Exception {
        OID missing = new OID("1.3.6.1.2.1.1.99.0");

        List<VariableBinding> answer = session.get(v1(simulator), SnmpConstants.sysDescr, missing,
                SnmpConstants.sysUpTime);

        assertEquals(3, answer.size());
        assertTrue(answer.get(0).getVariable().toString().startsWith("Uplift simulated"), answer.toString());
        assertEquals(missing, answer.get(1).getOid());
        assertEquals(Null.noSuchObject, answer.get(1).getVariable());
        assertEquals(SnmpConstants.sysUpTime, answer.get(2).getOid());
        assertEquals(1, answer.stream().filter(VariableBinding::isException).count(), answer.toString());
    }

    @Test
    void givenAV1DeviceWithoutTheIadMib_whenFactsAreRead_thenEveryMissingObjectIsNamedNotAnError() throws Exception {
        try (SimulatedDevice modem = new SimulatedDevice(DeviceSettings.defaults(82, 0)
                .withPersonalities(EnumSet.of(Personality.DOCSIS)))) {
            DeviceException e = assertThrows(DeviceException.class, () -> driver.facts(v1(modem)));

            assertTrue(e.getMessage().contains("does not implement UPLIFT-IAD-MIB"), e.getMessage());
            assertTrue(e.getMessage().contains("noSuchObject"), e.getMessage());
        }
    }

    @Test
    void givenNetSnmp_whenItReadsTheSimulatorOverV1_thenSysDescrAndSnmpEngineBootsAnswer() throws Exception {
        String snmpget = ExternalTools.require("snmpget", "snmp");
        String text = ExternalTools.run(snmpget, "-v1", "-c", "public", "-t", "1", "-r", "1", "-On",
                "127.0.0.1:" + simulator.port(), "1.3.6.1.2.1.1.1.0", "1.3.6.1.6.3.10.2.1.2.0");

        assertTrue(text.contains(".1.3.6.1.2.1.1.1.0 = STRING: \"Uplift simulated"), text);
        assertTrue(text.contains(".1.3.6.1.6.3.10.2.1.2.0 = INTEGER: 1"), text);
    }

    private static Device v1(SimulatedDevice simulated) {
        return new Device("v1-" + simulated.index(), "127.0.0.1", simulated.port(), SnmpCredentials.v1("private"),
                null);
    }
}
