package org.uplift.simulator.agent;

import java.util.function.Supplier;

import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOScalar;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;

/** A read-only scalar whose value is read from the device's state at each request. */
final class LiveScalar<V extends Variable> extends MOScalar<V> {

    private final Supplier<V> value;

    LiveScalar(OID instance, Supplier<V> value) {
        super(instance, MOAccessImpl.ACCESS_READ_ONLY, value.get());
        this.value = value;
    }

    @Override
    public V getValue() {
        return value.get();
    }
}
