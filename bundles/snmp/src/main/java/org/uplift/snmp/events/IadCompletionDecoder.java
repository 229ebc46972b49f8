package org.uplift.snmp.events;

import java.time.Clock;
import java.util.Optional;

import org.snmp4j.PDU;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;
import org.uplift.api.driver.OperationCompletion;
import org.uplift.api.driver.OperationState;
import org.uplift.snmp.iad.UpliftIadMib;

/** upliftIadOpCompletion: upliftIadOpType, upliftIadOpState, upliftIadOpFailCause of the row. */
final class IadCompletionDecoder implements CompletionDecoder {

    private static final OID NOTIFICATION = new OID("1.3.6.1.4.1.32473.7.0.1");
    private static final OID OP_STATE = new OID("1.3.6.1.4.1.32473.7.1.2.1.10");
    private static final OID OP_FAIL_CAUSE = new OID("1.3.6.1.4.1.32473.7.1.2.1.11");

    private final Clock clock;

    IadCompletionDecoder(Clock clock) {
        this.clock = clock;
    }

    @Override
    public OID notification() {
        return NOTIFICATION;
    }

    @Override
    public Optional<OperationCompletion> decode(PDU pdu, String sourceHost, int sourcePort) {
        Integer index = null;
        OperationState state = null;
        String cause = null;
        for (VariableBinding binding : pdu.getVariableBindings()) {
            OID oid = binding.getOid();
            if (oid.size() == OP_STATE.size() + 1 && oid.startsWith(OP_STATE)) {
                index = oid.last();
                Integer value = CompletionDecoder.integer(binding.getVariable());
                state = value == null ? null : switch (value) {
                    case 3 -> OperationState.SUCCESSFUL;
                    case 4 -> OperationState.FAILED;
                    default -> null;
                };
            } else if (oid.size() == OP_FAIL_CAUSE.size() + 1 && oid.startsWith(OP_FAIL_CAUSE)) {
                Integer value = CompletionDecoder.integer(binding.getVariable());
                cause = value == null ? null : UpliftIadMib.failCauseName(value);
            }
        }
        if (index == null || state == null) {
            return Optional.empty();
        }
        return Optional.of(new OperationCompletion(sourceHost, sourcePort, NOTIFICATION.toDottedString(), index, state,
                state == OperationState.FAILED ? cause : null, clock.instant()));
    }
}
