package org.uplift.snmp.events;

import org.snmp4j.PDUv1;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;

/**
 * SNMPv1 Trap-PDUs as SNMPv2 notifications (RFC 3584): an enterprise-specific trap is the
 * snmpTrapOID enterprise.0.specific-trap; a generic trap is the standard one in snmpTraps.
 */
final class V1Traps {

    private V1Traps() {
    }

    /** The snmpTrapOID RFC 3584 3.1 gives the v1 trap. */
    static OID trapOid(PDUv1 trap) {
        if (trap.getGenericTrap() == PDUv1.ENTERPRISE_SPECIFIC) {
            OID enterprise = trap.getEnterprise() == null ? new OID() : trap.getEnterprise();
            return new OID(enterprise).append(0).append(trap.getSpecificTrap());
        }
        // snmpTraps (SNMPv2-MIB): coldStart(1) ... egpNeighborLoss(6) are generic-trap + 1
        return new OID(SnmpConstants.snmpTraps).append(trap.getGenericTrap() + 1);
    }

    /**
     * The OID a v2 notification has after a trip through v1 and back (RFC 3584 3.2, then 3.1): the
     * same when its next-to-last arc is 0 (upliftIadOpCompletion), else with a 0 put before its
     * last arc (ccCopyCompletion ...96.2.1.1 comes back as ...96.2.1.0.1).
     */
    static OID roundTrip(OID notification) {
        int last = notification.size() - 1;
        if (last < 1 || notification.get(last - 1) == 0) {
            return notification;
        }
        return new OID(notification.getValue(), 0, last).append(0).append(notification.get(last));
    }
}
