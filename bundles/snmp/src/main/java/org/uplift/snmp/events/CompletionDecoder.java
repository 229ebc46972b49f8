package org.uplift.snmp.events;

import java.util.Optional;

import org.snmp4j.PDU;
import org.snmp4j.smi.OID;
import org.uplift.api.driver.OperationCompletion;

/** Turns one MIB's completion notification into an {@link OperationCompletion}. */
interface CompletionDecoder {

    /** The snmpTrapOID this decoder understands. */
    OID notification();

    /** The completion, or empty if the notification lacks what is needed. */
    Optional<OperationCompletion> decode(PDU pdu, String sourceHost, int sourcePort);
}
