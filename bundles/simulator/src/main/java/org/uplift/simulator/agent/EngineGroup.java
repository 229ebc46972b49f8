package org.uplift.simulator.agent;

import java.util.function.Supplier;

import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOServer;
import org.snmp4j.security.USM;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;

/**
 * SNMP-FRAMEWORK-MIB's snmpEngine group, as every SNMP engine serves it: snmpEngineID,
 * snmpEngineBoots, snmpEngineTime and snmpEngineMaxMessageSize. Read from the agent's USM at each
 * request, so a v2c reader sees the same boots, time and engine ID a v3 manager is told by USM.
 */
final class EngineGroup {

    static final OID SNMP_ENGINE = new OID("1.3.6.1.6.3.10.2.1");

    private final USM usm;
    private final int maxMessageSize;

    /** @param maxMessageSize the largest message the agent's transport accepts (484 at least, as the MIB says) */
    EngineGroup(USM usm, int maxMessageSize) {
        this.usm = usm;
        this.maxMessageSize = Math.max(484, maxMessageSize);
    }

    void register(MOServer server) throws DuplicateRegistrationException {
        server.register(scalar(1, () -> new OctetString(usm.getLocalEngineID())), null);
        server.register(scalar(2, () -> new Integer32(usm.getEngineBoots())), null);
        server.register(scalar(3, () -> new Integer32(usm.getEngineTime())), null);
        server.register(scalar(4, () -> new Integer32(maxMessageSize)), null);
    }

    private static <V extends Variable> LiveScalar<V> scalar(int object, Supplier<V> value) {
        return new LiveScalar<>(new OID(SNMP_ENGINE).append(object).append(0), value);
    }
}
