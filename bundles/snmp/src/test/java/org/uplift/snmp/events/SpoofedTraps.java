package org.uplift.snmp.events;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.asn1.BER;
import org.snmp4j.asn1.BEROutputStream;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.VariableBinding;

/**
 * Hand-built SNMPv2c upliftIadOpCompletion traps sent from any loopback address (Linux routes all of
 * 127.0.0.0/8 to lo), as a forger on the path or in the LAN would send them.
 */
public final class SpoofedTraps implements AutoCloseable {

    /** upliftIadOpCompletion and its row's state column (successful 3, failed 4). */
    static final OID IAD_COMPLETION = new OID("1.3.6.1.4.1.32473.7.0.1");
    static final OID IAD_STATE = new OID("1.3.6.1.4.1.32473.7.1.2.1.10");
    public static final int SUCCESSFUL = 3;
    public static final int FAILED = 4;

    private final DatagramSocket socket;
    private final InetSocketAddress receiver;

    /** A sender bound to {@code from} (any 127.x.y.z), sending to the receiver's port on 127.0.0.1. */
    public SpoofedTraps(String from, int receiverPort) throws IOException {
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(from), 0));
        this.receiver = new InetSocketAddress(InetAddress.getLoopbackAddress(), receiverPort);
    }

    /** Sends an upliftIadOpCompletion for row {@code index} in {@code state}. */
    public void send(String community, int index, int state) throws IOException {
        byte[] message = v2cTrap(community, index, state);
        socket.send(new DatagramPacket(message, message.length, receiver));
    }

    /** Sends a v2c notification {@code trapOid} with no objects (coldStart, warmStart ...). */
    public void sendV2c(String community, OID trapOid) throws IOException {
        PDU pdu = new PDU();
        pdu.setType(PDU.TRAP);
        pdu.setRequestID(new Integer32(1));
        pdu.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks(100)));
        pdu.add(new VariableBinding(SnmpConstants.snmpTrapOID, trapOid));
        byte[] message = message(SnmpConstants.version2c, community, pdu);
        socket.send(new DatagramPacket(message, message.length, receiver));
    }

    /** Sends an SNMPv1 generic trap (coldStart 0, warmStart 1 ...) naming {@code enterprise}. */
    public void sendV1Generic(String community, int genericTrap, OID enterprise) throws IOException {
        PDUv1 trap = new PDUv1();
        trap.setType(PDU.V1TRAP);
        trap.setEnterprise(enterprise);
        trap.setGenericTrap(genericTrap);
        trap.setSpecificTrap(0);
        trap.setTimestamp(100);
        trap.setAgentAddress(new IpAddress("127.0.0.1"));
        byte[] message = message(SnmpConstants.version1, community, trap);
        socket.send(new DatagramPacket(message, message.length, receiver));
    }

    /** The BER message: SEQUENCE { version 1 (v2c), community, SNMPv2-Trap-PDU }. */
    static byte[] v2cTrap(String community, int index, int state) throws IOException {
        PDU pdu = new PDU();
        pdu.setType(PDU.TRAP);
        pdu.setRequestID(new Integer32(index));
        pdu.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks(100)));
        pdu.add(new VariableBinding(SnmpConstants.snmpTrapOID, IAD_COMPLETION));
        pdu.add(new VariableBinding(new OID(IAD_STATE).append(index), new Integer32(state)));
        return message(SnmpConstants.version2c, community, pdu);
    }

    /** SEQUENCE { version, community, PDU } in BER. */
    private static byte[] message(int snmpVersion, String community, PDU pdu) throws IOException {
        Integer32 version = new Integer32(snmpVersion);
        OctetString name = new OctetString(community);
        int length = version.getBERLength() + name.getBERLength() + pdu.getBERLength();
        BEROutputStream out = new BEROutputStream(ByteBuffer.allocate(length + BER.getBERLengthOfLength(length) + 1));
        BER.encodeHeader(out, BER.SEQUENCE, length);
        version.encodeBER(out);
        name.encodeBER(out);
        pdu.encodeBER(out);
        return out.getBuffer().array();
    }

    @Override
    public void close() {
        socket.close();
    }
}
