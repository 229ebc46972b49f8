package org.uplift.simulator.agent;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.snmp4j.PDU;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOMutableColumn;
import org.snmp4j.agent.mo.MOScalar;
import org.snmp4j.agent.mo.MOTableRow;
import org.snmp4j.agent.request.SubRequest;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;

/** Column and scalar shapes the simulated MIB tables share. */
final class Columns {

    private Columns() {
    }

    /** A read-create INTEGER column that refuses values outside {@code allowed} with wrongValue. */
    static MOMutableColumn<Integer32> enumeration(int id, Integer32 defaultValue, int... allowed) {
        MOMutableColumn<Integer32> column = new MOMutableColumn<>(id, SMIConstants.SYNTAX_INTEGER,
                MOAccessImpl.ACCESS_READ_CREATE, defaultValue, false);
        Set<Integer> values = values(allowed);
        column.addMOValueValidationListener(event -> {
            if (!(event.getNewValue() instanceof Integer32 value) || !values.contains(value.getValue())) {
                event.setValidationStatus(PDU.wrongValue);
            }
        });
        return column;
    }

    /** A read-write INTEGER scalar that refuses values outside {@code allowed} with wrongValue. */
    static MOScalar<Integer32> enumeration(OID instance, int initial, int... allowed) {
        MOScalar<Integer32> scalar = new MOScalar<>(instance, MOAccessImpl.ACCESS_READ_WRITE, new Integer32(initial));
        Set<Integer> values = values(allowed);
        scalar.addMOValueValidationListener(event -> {
            if (!(event.getNewValue() instanceof Integer32 value) || !values.contains(value.getValue())) {
                event.setValidationStatus(PDU.wrongValue);
            }
        });
        return scalar;
    }

    /** A read-create OCTET STRING column, empty by default. */
    static MOMutableColumn<OctetString> octets(int id) {
        return new MOMutableColumn<>(id, SMIConstants.SYNTAX_OCTET_STRING, MOAccessImpl.ACCESS_READ_CREATE,
                new OctetString(), false);
    }

    private static Set<Integer> values(int... allowed) {
        return Arrays.stream(allowed).boxed().collect(Collectors.toSet());
    }

    /** A password column: writable, and read back as an empty string (MIBs say so: secrets are never readable). */
    static final class WriteOnly extends MOMutableColumn<OctetString> {
        WriteOnly(int id) {
            super(id, SMIConstants.SYNTAX_OCTET_STRING, MOAccessImpl.ACCESS_READ_CREATE, new OctetString(), false);
        }

        @Override
        public void get(SubRequest<?> subRequest, MOTableRow row, int column) {
            subRequest.getVariableBinding().setVariable(new OctetString());
            subRequest.completed();
        }
    }
}
