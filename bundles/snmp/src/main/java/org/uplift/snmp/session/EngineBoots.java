package org.uplift.snmp.session;

import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

/**
 * SNMP-FRAMEWORK-MIB's snmpEngineBoots, which every SNMP engine has and which rises at each restart:
 * drivers GET it with their other facts. A device that lacks it (an old v1 agent, a partial MIB
 * right after boot) is not an error: its counter is unknown, -1.
 */
public final class EngineBoots {

    /** snmpEngineBoots.0 */
    public static final OID OID = new OID("1.3.6.1.6.3.10.2.1.2.0");

    private EngineBoots() {
    }

    /** The counter (1..2147483647, RFC 3411), or -1 when the agent lacks it or answers out of its syntax. */
    public static long read(VariableBinding binding) {
        if (!binding.isException() && binding.getVariable() instanceof Integer32 boots && boots.getValue() >= 1) {
            return boots.getValue();
        }
        return -1;
    }
}
