package org.uplift.simulator.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.uplift.simulator.Fleet;
import org.uplift.simulator.FleetSettings;

/** The op table hands the FTP login a manager set (upliftIadOpUserName, upliftIadOpPassword) to the device's FTP client. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class OpTableFtpLoginTest {

    @Test
    void givenAnFtpDownloadWithALogin_thenTheDeviceLogsInWithIt() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        try (ServerSocket ftp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Fleet fleet = Fleet.start(new FleetSettings(1, 0, "IAD-1000", "1.0.0", 0, Map.of()));
                Snmp snmp = new Snmp(new DefaultUdpTransportMapping())) {
            Thread server = new Thread(() -> refuseLogin(ftp, received));
            server.setDaemon(true);
            server.start();
            snmp.listen();
            CommunityTarget<UdpAddress> target = new CommunityTarget<>(
                    new UdpAddress(InetAddress.getLoopbackAddress(), fleet.devices().get(0).port()),
                    new OctetString("private"));
            target.setVersion(SnmpConstants.version2c);
            target.setTimeout(2000);
            PDU set = new PDU();
            set.setType(PDU.SET);
            set.add(column(IadMib.COL_TYPE, new Integer32(3)));
            set.add(column(IadMib.COL_PROTOCOL, new Integer32(2)));
            set.add(column(IadMib.COL_ADDRESS_TYPE, new Integer32(1)));
            set.add(column(IadMib.COL_ADDRESS, new OctetString(new byte[]{127, 0, 0, 1})));
            set.add(column(IadMib.COL_PORT, new UnsignedInteger32(ftp.getLocalPort())));
            set.add(column(IadMib.COL_FILE_NAME, new OctetString("image.bin")));
            set.add(column(IadMib.COL_USER_NAME, new OctetString("ticket-user")));
            set.add(column(IadMib.COL_PASSWORD, new OctetString("ticket-pass")));
            set.add(column(IadMib.COL_ROW_STATUS, new Integer32(4)));
            ResponseEvent<UdpAddress> answer = snmp.set(set, target);
            assertNotNull(answer.getResponse(), "no answer to the row creation");
            assertEquals(0, answer.getResponse().getErrorStatus(), answer.getResponse().toString());
            server.join(10_000);
            assertEquals(List.of("USER ticket-user", "PASS ticket-pass"), received);
        }
    }

    private static VariableBinding column(int column, org.snmp4j.smi.Variable value) {
        return new VariableBinding(new OID(IadMib.OP_ENTRY).append(column).append(7), value);
    }

    /** A server that records the login and refuses it. */
    private static void refuseLogin(ServerSocket ftp, List<String> received) {
        try (Socket client = ftp.accept()) {
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = client.getOutputStream();
            out.write("220 ready\r\n".getBytes(StandardCharsets.US_ASCII));
            received.add(in.readLine());
            out.write("331 password please\r\n".getBytes(StandardCharsets.US_ASCII));
            received.add(in.readLine());
            out.write("530 not today\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            received.add("server failed: " + e);
        }
    }
}
