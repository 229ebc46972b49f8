package org.uplift.snmp.cisco;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.snmp4j.PDU;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.OperationHandle;
import org.uplift.api.driver.OperationRequest;
import org.uplift.api.driver.OperationType;
import org.uplift.api.repository.TransferProtocol;

/**
 * The CISCO-CONFIG-COPY-MIB driver against agents showing what the simulator does not: IOS images
 * without CISCO-IMAGE-MIB or with an empty entPhysicalSoftwareRev, hostile text, an older IOS
 * without ccCopyServerAddressRev1, a SET that fails half-way, a SET whose answer was lost.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class IosVariantsTest {

    private static final String IMAGE_STRING = "1.3.6.1.4.1.9.9.25.1.1.1.2.";
    private static final String ENT_CLASS = "1.3.6.1.2.1.47.1.1.1.1.5.";
    private static final String ENT_SOFTWARE_REV = "1.3.6.1.2.1.47.1.1.1.1.10.";
    private static final String ENT_MODEL = "1.3.6.1.2.1.47.1.1.1.1.13.";
    private static final String IOS_DESCR = "Cisco IOS Software, C3750 Software (C3750-IPSERVICESK9-M), "
            + "Version 12.2(55)SE12, RELEASE SOFTWARE (fc2)\r\nTechnical Support: http://www.cisco.com/techsupport";

    private StubMibAgent agent;
    private CiscoConfigCopyDriver driver;
    private final Deque<Integer> indexes = new ArrayDeque<>();

    @AfterEach
    void stop() throws Exception {
        if (driver != null) {
            driver.deactivate();
        }
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void givenAnImageTable_whenFactsAreRead_thenTheVersionIsTheCwVersionString_whereverItsRowIs() throws Exception {
        Map<String, Variable> objects = system(IOS_DESCR);
        objects.put(IMAGE_STRING + "1", text("CW_BEGIN$-$"));
        objects.put(IMAGE_STRING + "2", text("CW_IMAGE$C3750-IPSERVICESK9-M$"));
        objects.put(IMAGE_STRING + "7", text("CW_VERSION$12.2(55)SE12$"));
        objects.putAll(entity("3", "12.2(99)XX", "WS-C3750-48P"));

        DeviceFacts facts = facts(objects, Map.of());

        assertEquals("12.2(55)SE12", facts.runningVersion(), "CW_VERSION wins over entPhysicalSoftwareRev");
        assertEquals("WS-C3750-48P", facts.model());
        assertEquals("", facts.configDigest());
        assertEquals("", facts.keptVersion());
        assertEquals(-1, facts.engineBoots(), "an agent without snmpEngineBoots: unknown, not an error");
    }

    @Test
    void givenNoImageTable_whenFactsAreRead_thenTheChassisSoftwareRevisionIsTheVersion() throws Exception {
        Map<String, Variable> objects = system(IOS_DESCR);
        // a module first, with its own revision and model; the chassis (class 3) second
        objects.put(ENT_CLASS + "1", new Integer32(9));
        objects.put(ENT_SOFTWARE_REV + "1", text("1.0(module)"));
        objects.put(ENT_MODEL + "1", text("MODULE-X"));
        objects.put(ENT_CLASS + "1001", new Integer32(3));
        objects.put(ENT_SOFTWARE_REV + "1001", text("15.0(2)SE"));
        objects.put(ENT_MODEL + "1001", text("WS-C2960-24TT-L"));

        DeviceFacts facts = facts(objects, Map.of());

        assertEquals("15.0(2)SE", facts.runningVersion());
        assertEquals("WS-C2960-24TT-L", facts.model());
    }

    @Test
    void givenNeitherImageTableNorSoftwareRevision_whenFactsAreRead_thenSysDescrsVersionIsTaken() throws Exception {
        Map<String, Variable> objects = system(IOS_DESCR);
        objects.putAll(entity("3", "", "WS-C3750-48P"));

        assertEquals("12.2(55)SE12", facts(objects, Map.of()).runningVersion());
    }

    @Test
    void givenAnotherVersionPattern_whenSysDescrIsTheOnlySource_thenThePatternIsUsed() throws Exception {
        Map<String, Variable> objects = system("Acme OS release 7.1.2 build 44");

        assertEquals("7.1.2", facts(objects, Map.of("versionPattern", "release (\\S+)")).runningVersion());
        driver.deactivate();
        assertEquals("", facts(objects, Map.of()).runningVersion(), "no match: unknown, not a guess");
    }

    @Test
    void givenControlCharactersInTheDevicesText_whenFactsAreRead_thenNoneReachTheFacts() throws Exception {
        Map<String, Variable> objects = system(IOS_DESCR);
        objects.put(IMAGE_STRING + "5", text("CW_VERSION$15.1\u001b[2J\r\nFAKE LOG LINE$"));
        objects.putAll(entity("3", "", "C2901\u0007"));

        DeviceFacts facts = facts(objects, Map.of());

        assertPrintable(facts.runningVersion());
        assertPrintable(facts.model());
        assertTrue(facts.runningVersion().startsWith("15.1\\u001b"), facts.runningVersion());
    }

    @Test
    void givenAnAgentThatRefusesTheRowHalfWay_whenACopyStarts_thenTheIndexIsDestroyed() throws Exception {
        start(Map.of(), set -> set.get(0).getVariable() instanceof Integer32 status && status.getValue() == 6
                ? ok(set) : error(set, PDU.wrongValue, 1));
        indexes.add(77);

        DeviceException e = assertThrows(DeviceException.class,
                () -> driver.start(device(), request("127.0.0.1")));

        assertTrue(e.getMessage().contains("wrongValue"), e.getMessage());
        PDU last = agent.requests().get(agent.requests().size() - 1);
        assertEquals(PDU.SET, last.getType());
        assertEquals(CiscoConfigCopyMib.column(14, 77), last.get(0).getOid(), "ccCopyEntryRowStatus.77");
        assertEquals(new Integer32(6), last.get(0).getVariable(), "destroy");
    }

    @Test
    void givenAnOlderIosWithoutRev1_whenACopyStarts_thenTheDeprecatedIpv4ColumnIsUsed() throws Exception {
        start(Map.of(), set -> {
            for (int i = 0; i < set.size(); i++) {
                if (set.get(i).getOid().startsWith(CiscoConfigCopyMib.column(15))) {
                    return error(set, PDU.notWritable, i + 1);
                }
            }
            return ok(set);
        });
        indexes.addAll(List.of(5, 6));

        OperationHandle handle = driver.start(device(), request("192.0.2.7"));

        assertEquals(6, handle.index());
        PDU accepted = agent.requests().get(agent.requests().size() - 1);
        assertEquals(new IpAddress("192.0.2.7"), value(accepted, CiscoConfigCopyMib.column(5, 6)));
        assertNull(value(accepted, CiscoConfigCopyMib.column(16, 6)));
        DeviceException e = assertThrows(DeviceException.class,
                () -> driver.start(device(), request("2001:db8::7")));
        assertTrue(e.getMessage().contains("IPv4 only"), e.getMessage());
    }

    @Test
    void givenTheRowAlreadyMadeByOurLostSet_whenTheRetryMeetsIt_thenTheRowIsAdopted() throws Exception {
        // the first SET went through, its answer was lost; the retransmission meets the row: inconsistentValue
        start(Map.of(CiscoConfigCopyMib.column(6, 99).toDottedString(), text("up-ticket.cfg")),
                set -> error(set, PDU.inconsistentValue, set.size()));
        indexes.add(99);

        OperationHandle handle = driver.start(device(), request("127.0.0.1"));

        assertEquals(99, handle.index());
        assertEquals(1, agent.requests().stream().filter(p -> p.getType() == PDU.SET).count(), "no second row");
    }

    private DeviceFacts facts(Map<String, Variable> objects, Map<String, ?> config) throws Exception {
        if (agent == null) {
            agent = new StubMibAgent(objects, set -> error(set, PDU.notWritable, 1));
        }
        driver = new CiscoConfigCopyDriver(CiscoConfigCopyDriverTest.config(config), () -> 1);
        return driver.facts(device());
    }

    private void start(Map<String, Variable> objects, UnaryOperator<PDU> set) throws Exception {
        agent = new StubMibAgent(objects, set);
        driver = new CiscoConfigCopyDriver(CiscoConfigCopyDriverTest.config(Map.of("tftpPort", 69)),
                () -> indexes.isEmpty() ? 12345 : indexes.poll());
    }

    private Device device() {
        return new Device("ios-1", "127.0.0.1", agent.port(), SnmpCredentials.v2c("private"), null);
    }

    private static OperationRequest request(String server) {
        return new OperationRequest(OperationType.BACKUP_CONFIG, TransferProtocol.TFTP, server, 69, "up-ticket.cfg",
                null, null);
    }

    private static Map<String, Variable> system(String sysDescr) {
        Map<String, Variable> objects = new HashMap<>();
        objects.put(SnmpConstants.sysDescr.toDottedString(), text(sysDescr));
        objects.put(SnmpConstants.sysObjectID.toDottedString(), new OID("1.3.6.1.4.1.9.1.516"));
        objects.put(SnmpConstants.sysUpTime.toDottedString(), new TimeTicks(4242));
        return objects;
    }

    /** A chassis row (index 1). */
    private static Map<String, Variable> entity(String physicalClass, String softwareRev, String model) {
        return Map.of(ENT_CLASS + "1", new Integer32(Integer.parseInt(physicalClass)),
                ENT_SOFTWARE_REV + "1", text(softwareRev), ENT_MODEL + "1", text(model));
    }

    private static OctetString text(String value) {
        return new OctetString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static PDU ok(PDU request) {
        PDU response = new PDU();
        response.addAll(request.getVariableBindings());
        return response;
    }

    private static PDU error(PDU request, int status, int index) {
        PDU response = ok(request);
        response.setErrorStatus(status);
        response.setErrorIndex(index);
        return response;
    }

    private static Variable value(PDU pdu, OID oid) {
        return pdu.getVariableBindings().stream().filter(b -> b.getOid().equals(oid)).map(VariableBinding::getVariable)
                .findFirst().orElse(null);
    }

    private static void assertPrintable(String text) {
        assertFalse(text.chars().anyMatch(c -> c < 0x20 || c == 0x7f), "control characters in '" + text + "'");
    }
}
