package org.uplift.snmp.iad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.snmp4j.PDU;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.VariableBinding;
import org.uplift.api.device.Device;
import org.uplift.api.device.SnmpCredentials;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.OperationRequest;
import org.uplift.api.driver.OperationType;
import org.uplift.api.repository.TransferProtocol;
import org.uplift.simulator.DeviceSettings;
import org.uplift.simulator.Personality;
import org.uplift.simulator.SimulatedDevice;

/**
 * Bad answers and no answers: each gives one clear message naming the device and the cause, and
 * returns within the session's time-out (300 ms, 1 retry here), never hanging the caller.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BadAnswersTest {

    private static final Duration BOUND = Duration.ofSeconds(3);

    private UpliftIadDriver driver;

    @BeforeEach
    void start() throws Exception {
        driver = new UpliftIadDriver(UpliftIadDriverTest.config(300, 1));
    }

    @AfterEach
    void stop() throws Exception {
        driver.deactivate();
    }

    @Test
    void givenADeviceWithoutTheMib_whenFactsAreRead_thenTheMessageSaysNoSuchObjectAndToChooseAnotherDriver()
            throws Exception {
        try (SimulatedDevice modem = new SimulatedDevice(DeviceSettings.defaults(51, 0)
                .withPersonalities(EnumSet.of(Personality.DOCSIS)))) {
            Device device = v2c("cm-51", modem.port());

            DeviceException e = assertThrows(DeviceException.class, () -> driver.facts(device));

            assertTrue(e.getMessage().contains("cm-51"), e.getMessage());
            assertTrue(e.getMessage().contains("does not implement UPLIFT-IAD-MIB"), e.getMessage());
            assertTrue(e.getMessage().contains("noSuchObject"), e.getMessage());
            assertTrue(e.getMessage().contains("choose another driver"), e.getMessage());
            assertFalse(e.unreachable());
        }
    }

    @Test
    void givenAnAgentAnsweringAnIntegerWhereTextIsExpected_whenFactsAreRead_thenTheMessageNamesObjectAndTypes()
            throws Exception {
        try (MisbehavingAgent agent = new MisbehavingAgent(BadAnswersTest::modelAsInteger)) {
            Device device = v2c("odd-1", agent.port());

            DeviceException e = assertThrows(DeviceException.class, () -> driver.facts(device));

            assertTrue(e.getMessage().contains("odd-1"), e.getMessage());
            assertTrue(e.getMessage().contains(UpliftIadMib.MODEL.toDottedString()), e.getMessage());
            assertTrue(e.getMessage().contains("Integer32 42 where OCTET STRING is expected"), e.getMessage());
        }
    }

    @Test
    void givenAnAgentAnsweringTooBig_whenFactsAreRead_thenTheMessageSaysTooBig() throws Exception {
        try (MisbehavingAgent agent = new MisbehavingAgent(request -> error(request, PDU.tooBig))) {
            DeviceException e = assertThrows(DeviceException.class, () -> driver.facts(v2c("big-1", agent.port())));

            assertTrue(e.getMessage().contains("big-1"), e.getMessage());
            assertTrue(e.getMessage().contains("tooBig"), e.getMessage());
            assertTrue(e.getMessage().contains("would not fit in one message"), e.getMessage());
        }
    }

    @Test
    void givenEveryIndexInUse_whenAnOperationStarts_thenThreeIndexesAreTried_andTheMessageSaysSo() throws Exception {
        try (MisbehavingAgent agent = new MisbehavingAgent(request -> error(request, PDU.inconsistentValue))) {
            Device device = v2c("busy-1", agent.port());
            OperationRequest backup = new OperationRequest(OperationType.BACKUP_CONFIG, TransferProtocol.TFTP,
                    "127.0.0.1", 69, "b.cfg", null, null);

            DeviceException e = assertThrows(DeviceException.class, () -> driver.start(device, backup));

            assertTrue(e.getMessage().contains("busy-1"), e.getMessage());
            assertTrue(e.getMessage().contains("3 times with inconsistentValue"), e.getMessage());
            assertTrue(e.getMessage().contains("already in use"), e.getMessage());
            Set<Integer> indexes = agent.requests.stream().map(pdu -> pdu.get(0).getOid().last())
                    .collect(Collectors.toSet());
            assertEquals(3, agent.requests.size());
            assertEquals(3, indexes.size(), "each attempt under another index: " + indexes);
        }
    }

    @Test
    void givenAnAgentAnsweringGarbage_whenFactsAreRead_thenItEndsWithTheTimeOutMessage() throws Exception {
        try (GarbageAnswerer garbage = new GarbageAnswerer()) {
            Device device = v2c("garbage-1", garbage.port());

            DeviceException e = assertTimeoutPreemptively(BOUND,
                    () -> assertThrows(DeviceException.class, () -> driver.facts(device)));

            assertTrue(e.unreachable());
            assertTrue(e.getMessage().contains("garbage-1"), e.getMessage());
            assertTrue(e.getMessage().contains("did not answer SNMP within 300 ms"), e.getMessage());
            assertTrue(garbage.answered > 0, "the answerer saw the request");
        }
    }

    @Test
    void givenNothingListening_whenFactsAreRead_thenItEndsWithTheTimeOutMessage() throws Exception {
        int port;
        try (DatagramSocket free = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Device device = v2c("gone-1", port);

        DeviceException e = assertTimeoutPreemptively(BOUND,
                () -> assertThrows(DeviceException.class, () -> driver.facts(device)));

        assertTrue(e.unreachable());
        assertTrue(e.getMessage().contains("gone-1 (127.0.0.1:" + port + ")"), e.getMessage());
    }

    private static PDU modelAsInteger(PDU request) {
        PDU response = new PDU();
        for (VariableBinding binding : request.getVariableBindings()) {
            OID oid = binding.getOid();
            if (oid.equals(SnmpConstants.sysObjectID)) {
                response.add(new VariableBinding(oid, new OID("1.3.6.1.4.1.32473.7.3.1")));
            } else if (oid.equals(SnmpConstants.sysUpTime)) {
                response.add(new VariableBinding(oid, new TimeTicks(100)));
            } else if (oid.equals(UpliftIadMib.MODEL)) {
                response.add(new VariableBinding(oid, new Integer32(42)));
            } else {
                response.add(new VariableBinding(oid, new OctetString("x")));
            }
        }
        return response;
    }

    private static PDU error(PDU request, int status) {
        PDU response = new PDU();
        response.addAll(request.getVariableBindings());
        response.setErrorStatus(status);
        response.setErrorIndex(status == PDU.tooBig ? 0 : 1);
        return response;
    }

    private static Device v2c(String id, int port) {
        return new Device(id, "127.0.0.1", port, SnmpCredentials.v2c("private"), null);
    }

    /** Answers every datagram with random bytes, as a broken or foreign service on the port would. */
    private static final class GarbageAnswerer implements AutoCloseable {
        private final DatagramSocket socket;
        private final Thread thread;
        volatile int answered;

        GarbageAnswerer() throws SocketException {
            socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            thread = new Thread(this::answer, "garbage-answerer");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void answer() {
            Random random = new Random(7);
            byte[] buffer = new byte[2048];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket request = new DatagramPacket(buffer, buffer.length);
                    socket.receive(request);
                    byte[] junk = new byte[1 + random.nextInt(200)];
                    random.nextBytes(junk);
                    socket.send(new DatagramPacket(junk, junk.length, request.getSocketAddress()));
                    answered++;
                } catch (IOException e) {
                    return;
                }
            }
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            thread.join(1000);
        }
    }
}
