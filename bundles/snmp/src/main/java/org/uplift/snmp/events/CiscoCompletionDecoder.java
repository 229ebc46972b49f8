package org.uplift.snmp.events;

import java.time.Clock;
import java.util.Optional;

import org.snmp4j.PDU;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;
import org.uplift.api.driver.OperationCompletion;
import org.uplift.api.driver.OperationState;
import org.uplift.snmp.cisco.CiscoConfigCopyMib;

/** ccCopyCompletion: ccCopyServerAddress, ccCopyFileName, ccCopyState, ..., ccCopyFailCause of the row. */
final class CiscoCompletionDecoder implements CompletionDecoder {

    private static final OID STATE = CiscoConfigCopyMib.column(CiscoConfigCopyMib.STATE);
    private static final OID FAIL_CAUSE = CiscoConfigCopyMib.column(CiscoConfigCopyMib.FAIL_CAUSE);

    private final Clock clock;

    CiscoCompletionDecoder(Clock clock) {
        this.clock = clock;
    }

    @Override
    public OID notification() {
        return CiscoConfigCopyMib.CC_COPY_COMPLETION;
    }

    @Override
    public Optional<OperationCompletion> decode(PDU pdu, String sourceHost, int sourcePort) {
        Integer index = null;
        OperationState state = null;
        String cause = null;
        for (VariableBinding binding : pdu.getVariableBindings()) {
            OID oid = binding.getOid();
            if (oid.size() == STATE.size() + 1 && oid.startsWith(STATE)) {
                index = oid.last();
                Integer value = CompletionDecoder.integer(binding.getVariable());
                state = value == null ? null : switch (value) {
                    case 3 -> OperationState.SUCCESSFUL;
                    case 4 -> OperationState.FAILED;
                    default -> null;
                };
            } else if (oid.size() == FAIL_CAUSE.size() + 1 && oid.startsWith(FAIL_CAUSE)) {
                Integer value = CompletionDecoder.integer(binding.getVariable());
                cause = value == null ? null : CiscoConfigCopyMib.failCauseName(value);
            }
        }
        if (index == null || state == null) {
            return Optional.empty();
        }
        return Optional.of(new OperationCompletion(sourceHost, sourcePort,
                CiscoConfigCopyMib.CC_COPY_COMPLETION.toDottedString(), index, state,
                state == OperationState.FAILED ? cause : null, clock.instant()));
    }
}
