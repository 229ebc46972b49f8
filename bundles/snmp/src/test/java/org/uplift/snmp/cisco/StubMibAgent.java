package org.uplift.snmp.cisco;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.snmp4j.PDU;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.uplift.snmp.iad.MisbehavingAgent;

/**
 * A v2c agent on 127.0.0.1 serving fixed objects (GET, GETNEXT, GETBULK), for facts a simulated
 * device does not show (an IOS without CISCO-IMAGE-MIB, ...); SETs go to the test's function.
 */
final class StubMibAgent implements AutoCloseable {

    private final NavigableMap<OID, Variable> objects = new TreeMap<>();
    private final MisbehavingAgent agent;

    StubMibAgent(Map<String, Variable> objects, UnaryOperator<PDU> set) throws IOException {
        objects.forEach((oid, value) -> this.objects.put(new OID(oid), value));
        this.agent = new MisbehavingAgent(request -> request.getType() == PDU.SET ? set.apply(request) : read(request));
    }

    int port() {
        return agent.port();
    }

    /** Every request received, in order. */
    List<PDU> requests() {
        return agent.requests;
    }

    private PDU read(PDU request) {
        PDU response = new PDU();
        for (VariableBinding asked : request.getVariableBindings()) {
            OID oid = asked.getOid();
            switch (request.getType()) {
                case PDU.GET -> response.add(new VariableBinding(oid,
                        objects.containsKey(oid) ? objects.get(oid) : Null.noSuchObject));
                case PDU.GETNEXT -> response.add(next(oid));
                case PDU.GETBULK -> {
                    OID from = oid;
                    for (int i = 0; i < Math.max(1, request.getMaxRepetitions()); i++) {
                        VariableBinding next = next(from);
                        response.add(next);
                        if (next.isException()) {
                            break;
                        }
                        from = next.getOid();
                    }
                }
                default -> throw new IllegalArgumentException("PDU type " + request.getType());
            }
        }
        return response;
    }

    private VariableBinding next(OID oid) {
        Map.Entry<OID, Variable> next = objects.higherEntry(oid);
        return next == null ? new VariableBinding(oid, Null.endOfMibView)
                : new VariableBinding(next.getKey(), next.getValue());
    }

    @Override
    public void close() throws IOException {
        agent.close();
    }
}
