package org.uplift.snmp.events;

import java.util.Optional;

import org.snmp4j.PDU;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;
import org.uplift.api.driver.OperationCompletion;

/** Turns one MIB's completion notification into an {@link OperationCompletion}. */
interface CompletionDecoder {

    /** The snmpTrapOID this decoder understands. */
    OID notification();

    /** The completion, or empty if the notification lacks what is needed. */
    Optional<OperationCompletion> decode(PDU pdu, String sourceHost, int sourcePort);

    /**
     * The value of an integer-typed binding, or {@code null} for any other type (an OCTET STRING, an OID, a
     * noSuchObject...), whose {@code toInt()} would throw.
     */
    static Integer integer(Variable value) {
        return value instanceof Integer32 || value instanceof UnsignedInteger32 ? value.toInt() : null;
    }
}
