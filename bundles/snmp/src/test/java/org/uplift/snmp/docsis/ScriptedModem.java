package org.uplift.snmp.docsis;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.snmp4j.PDU;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.uplift.snmp.iad.MisbehavingAgent;

/**
 * A v2c cable modem for tests whose docsDevSwOperStatus follows a script: after the trigger each
 * read of it takes the next scripted value (the last one stays), so a test can show a real modem's
 * lag (the previous outcome for a while) that the simulator never shows. SETs are stored as sent.
 */
final class ScriptedModem implements AutoCloseable {

    private final Map<OID, Variable> values = new ConcurrentHashMap<>();
    private final Deque<Integer> script = new ArrayDeque<>();
    private final MisbehavingAgent agent;
    private final long bootNanos = System.nanoTime();
    private volatile boolean triggered;

    ScriptedModem(String sysDescr, int operBefore, int... afterTrigger) throws IOException {
        values.put(SnmpConstants.sysDescr, new OctetString(sysDescr));
        values.put(SnmpConstants.sysObjectID, new OID(DocsDevMib.SIMULATED_PREFIX + ".1"));
        values.put(DocsDevMib.SW_CURRENT_VERS, new OctetString("1.0.0"));
        values.put(DocsDevMib.SW_OPER_STATUS, new Integer32(operBefore));
        values.put(DocsDevMib.SW_FILENAME, new OctetString("up-earlier.img"));
        for (int oper : afterTrigger) {
            script.add(oper);
        }
        agent = new MisbehavingAgent(this::answer);
    }

    int port() {
        return agent.port();
    }

    private synchronized PDU answer(PDU request) {
        PDU response = new PDU();
        for (VariableBinding binding : request.getVariableBindings()) {
            OID oid = binding.getOid();
            if (request.getType() == PDU.SET) {
                values.put(oid, binding.getVariable());
                triggered |= oid.equals(DocsDevMib.SW_ADMIN_STATUS);
                response.add(binding);
            } else if (oid.equals(SnmpConstants.sysUpTime)) {
                response.add(new VariableBinding(oid,
                        new TimeTicks(360_000 + (System.nanoTime() - bootNanos) / 10_000_000L)));
            } else if (oid.equals(DocsDevMib.SW_OPER_STATUS) && triggered && !script.isEmpty()) {
                int oper = script.size() > 1 ? script.poll() : script.peek();
                values.put(oid, new Integer32(oper));
                response.add(new VariableBinding(oid, new Integer32(oper)));
            } else {
                Variable value = values.get(oid);
                response.add(new VariableBinding(oid, value == null ? Null.noSuchObject : value));
            }
        }
        return response;
    }

    @Override
    public void close() throws IOException {
        agent.close();
    }
}
