package org.uplift.simulator.agent;

import java.util.function.Supplier;

import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOServer;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;

/**
 * SNMPv2-MIB's system group as every agent serves it: sysDescr, sysObjectID, sysUpTime, sysContact,
 * sysName, sysLocation, sysServices and sysORLastChange (the agent has no sysORTable rows, so the
 * last change is its start: 0). Served read-only; a real agent would let managers write contact,
 * name and location.
 */
final class SystemGroup {

    /** DisplayString is at most 255 octets. */
    private static final int DISPLAY_STRING_MAX = 255;

    private final DeviceView device;
    private final Supplier<OID> sysObjectId;
    private final int services;

    /**
     * @param sysObjectId the product identifier managers choose drivers by
     * @param services    sysServices: the sum of 2^(layer-1) over the OSI layers the device serves
     */
    SystemGroup(DeviceView device, Supplier<OID> sysObjectId, int services) {
        this.device = device;
        this.sysObjectId = sysObjectId;
        this.services = services;
    }

    void register(MOServer server) throws DuplicateRegistrationException {
        server.register(scalar(1, () -> displayString(device.sysDescr())), null);
        server.register(scalar(2, sysObjectId), null);
        server.register(scalar(3, () -> new TimeTicks(device.upTimeHundredths() & 0xFFFFFFFFL)), null);
        server.register(scalar(4, () -> displayString("noc@example.net")), null);
        server.register(scalar(5, () -> displayString(device.sysName())), null);
        server.register(scalar(6, () -> displayString("Uplift lab, rack 1")), null);
        server.register(scalar(7, () -> new Integer32(services)), null);
        server.register(scalar(8, () -> new TimeTicks(0)), null);
    }

    private static <V extends Variable> LiveScalar<V> scalar(int object, Supplier<V> value) {
        return new LiveScalar<>(new OID(SnmpConstants.system).append(object).append(0), value);
    }

    /** Text cut to DisplayString's 255 octets. */
    static OctetString displayString(String text) {
        OctetString value = DeviceView.text(text);
        return value.length() <= DISPLAY_STRING_MAX ? value : value.substring(0, DISPLAY_STRING_MAX);
    }
}
