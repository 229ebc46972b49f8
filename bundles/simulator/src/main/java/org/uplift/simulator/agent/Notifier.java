package org.uplift.simulator.agent;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.function.LongSupplier;

import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.uplift.simulator.NotificationTarget;

/**
 * Sends a device's notifications from its agent's own socket (so the manager sees the agent's
 * address and port): SNMPv1 Trap-PDUs or SNMPv2c traps (community {@code private}, the one Uplift's
 * inventory holds for the device: Uplift drops traps with another), or SNMPv3
 * informs (authPriv, the device's user; sent and retried in the background, never blocking the
 * caller).
 */
public final class Notifier {

    /** Sends nothing. */
    static final Notifier NONE = new Notifier(null, null, null, () -> 0, null, null);

    private static final OctetString TRAP_COMMUNITY = AgentAccess.WRITE_COMMUNITY;
    private static final OID SNMP_TRAP_OID = SnmpConstants.snmpTrapOID;

    private final Snmp snmp;
    private final NotificationTarget target;
    private final OctetString v3User;
    private final LongSupplier upTime;
    private final IpAddress agentAddress;
    private final OID sysObjectId;

    /**
     * @param agentHost   the agent's address, which a v1 trap names (an IPv6 one is sent as 0.0.0.0)
     * @param sysObjectId the enterprise a v1 generic trap (coldStart ...) names, as agents send them
     */
    Notifier(Snmp snmp, NotificationTarget target, OctetString v3User, LongSupplier upTime, String agentHost,
            OID sysObjectId) {
        this.snmp = snmp;
        this.target = target;
        this.v3User = v3User;
        this.upTime = upTime;
        this.agentAddress = agentAddress(agentHost);
        this.sysObjectId = sysObjectId;
    }

    private static IpAddress agentAddress(String host) {
        try {
            return host != null && InetAddress.getByName(host) instanceof Inet4Address v4 ? new IpAddress(v4)
                    : new IpAddress("0.0.0.0");
        } catch (UnknownHostException e) {
            return new IpAddress("0.0.0.0");
        }
    }

    /** Sends the notification {@code trapOid} with its objects; failures are dropped, as a device's are. */
    void send(OID trapOid, VariableBinding... objects) {
        if (target == null) {
            return;
        }
        try {
            UdpAddress address = new UdpAddress(InetAddress.getByName(target.host()), target.port());
            if (target.kind() == NotificationTarget.Kind.V1_TRAP) {
                snmp.send(v1Trap(trapOid, objects), trapTarget(address, SnmpConstants.version1));
                return;
            }
            PDU pdu = target.inform() ? new ScopedPDU() : new PDU();
            pdu.setType(target.inform() ? PDU.INFORM : PDU.NOTIFICATION);
            pdu.add(new VariableBinding(SnmpConstants.sysUpTime, new TimeTicks(upTime.getAsLong() & 0xFFFFFFFFL)));
            pdu.add(new VariableBinding(SNMP_TRAP_OID, trapOid));
            for (VariableBinding object : objects) {
                pdu.add(object);
            }
            if (target.inform()) {
                snmp.send(pdu, informTarget(address), null, IGNORE);
            } else {
                snmp.send(pdu, trapTarget(address, SnmpConstants.version2c));
            }
        } catch (IOException | RuntimeException e) {
            // a real device does not retry a lost trap either; informs are retried by SNMP4J itself
        }
    }

    private static final ResponseListener IGNORE = new ResponseListener() {
        @Override
        public <A extends org.snmp4j.smi.Address> void onResponse(org.snmp4j.event.ResponseEvent<A> event) {
            ((Snmp) event.getSource()).cancel(event.getRequest(), this);
        }
    };

    /**
     * The notification as an SNMPv1 Trap-PDU (RFC 3584 3.2): one of SNMPv2-MIB's standard traps
     * (coldStart(1) ...) as generic-trap its last arc less 1, naming the agent's sysObjectID; any
     * other as enterpriseSpecific, the specific-trap the OID's last arc, the enterprise the OID
     * without it (and without a 0 arc before it).
     */
    private PDUv1 v1Trap(OID trapOid, VariableBinding... objects) {
        PDUv1 trap = new PDUv1();
        trap.setType(PDU.V1TRAP);
        int last = trapOid.size() - 1;
        if (trapOid.size() == SnmpConstants.snmpTraps.size() + 1 && trapOid.startsWith(SnmpConstants.snmpTraps)) {
            trap.setEnterprise(sysObjectId);
            trap.setGenericTrap(trapOid.get(last) - 1);
            trap.setSpecificTrap(0);
        } else {
            boolean zeroBefore = trapOid.size() > 2 && trapOid.get(last - 1) == 0;
            trap.setEnterprise(new OID(trapOid.getValue(), 0, zeroBefore ? last - 1 : last));
            trap.setGenericTrap(PDUv1.ENTERPRISE_SPECIFIC);
            trap.setSpecificTrap(trapOid.get(last));
        }
        trap.setTimestamp(upTime.getAsLong() & 0xFFFFFFFFL);
        trap.setAgentAddress(agentAddress);
        for (VariableBinding object : objects) {
            trap.add(object);
        }
        return trap;
    }

    private static Target<UdpAddress> trapTarget(UdpAddress address, int version) {
        CommunityTarget<UdpAddress> trap = new CommunityTarget<>(address, TRAP_COMMUNITY);
        trap.setVersion(version);
        return trap;
    }

    private Target<UdpAddress> informTarget(UdpAddress address) {
        UserTarget<UdpAddress> inform = new UserTarget<>();
        inform.setAddress(address);
        inform.setVersion(SnmpConstants.version3);
        inform.setSecurityLevel(SecurityLevel.AUTH_PRIV);
        inform.setSecurityName(v3User);
        inform.setTimeout(1000);
        inform.setRetries(3);
        return inform;
    }
}
