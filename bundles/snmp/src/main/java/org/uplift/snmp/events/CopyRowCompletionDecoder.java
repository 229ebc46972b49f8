package org.uplift.snmp.events;

import java.time.Clock;
import java.util.Optional;
import java.util.function.IntFunction;

import org.snmp4j.PDU;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;
import org.uplift.api.driver.OperationCompletion;
import org.uplift.api.driver.OperationState;
import org.uplift.snmp.cisco.CiscoConfigCopyMib;
import org.uplift.snmp.iad.UpliftIadMib;

/**
 * A completion notification of a copy-table MIB: it carries the row's state column (successful 3,
 * failed 4 in both MIBs here) and fail-cause column, and the row index is the last sub-identifier.
 */
final class CopyRowCompletionDecoder implements CompletionDecoder {

    private static final int SUCCESSFUL = 3;
    private static final int FAILED = 4;

    private final OID notification;
    private final OID stateColumn;
    private final OID causeColumn;
    private final IntFunction<String> causeName;
    private final Clock clock;

    CopyRowCompletionDecoder(OID notification, OID stateColumn, OID causeColumn, IntFunction<String> causeName,
            Clock clock) {
        this.notification = notification;
        this.stateColumn = stateColumn;
        this.causeColumn = causeColumn;
        this.causeName = causeName;
        this.clock = clock;
    }

    /** upliftIadOpCompletion: upliftIadOpType, upliftIadOpState, upliftIadOpFailCause of the row. */
    static CopyRowCompletionDecoder iad(Clock clock) {
        return new CopyRowCompletionDecoder(new OID("1.3.6.1.4.1.32473.7.0.1"), new OID("1.3.6.1.4.1.32473.7.1.2.1.10"),
                new OID("1.3.6.1.4.1.32473.7.1.2.1.11"), UpliftIadMib::failCauseName, clock);
    }

    /** ccCopyCompletion: ccCopyServerAddress, ccCopyFileName, ccCopyState, ..., ccCopyFailCause of the row. */
    static CopyRowCompletionDecoder cisco(Clock clock) {
        return new CopyRowCompletionDecoder(CiscoConfigCopyMib.CC_COPY_COMPLETION,
                CiscoConfigCopyMib.column(CiscoConfigCopyMib.STATE),
                CiscoConfigCopyMib.column(CiscoConfigCopyMib.FAIL_CAUSE),
                CiscoConfigCopyMib::failCauseName, clock);
    }

    @Override
    public OID notification() {
        return notification;
    }

    OID stateColumn() {
        return stateColumn;
    }

    OID causeColumn() {
        return causeColumn;
    }

    @Override
    public Optional<OperationCompletion> decode(PDU pdu, String sourceHost, int sourcePort) {
        Integer index = null;
        OperationState state = null;
        String cause = null;
        for (VariableBinding binding : pdu.getVariableBindings()) {
            OID oid = binding.getOid();
            if (isCell(oid, stateColumn)) {
                index = oid.last();
                Integer value = CompletionDecoder.integer(binding.getVariable());
                state = value == null ? null : switch (value) {
                    case SUCCESSFUL -> OperationState.SUCCESSFUL;
                    case FAILED -> OperationState.FAILED;
                    default -> null;
                };
            } else if (isCell(oid, causeColumn)) {
                Integer value = CompletionDecoder.integer(binding.getVariable());
                cause = value == null ? null : causeName.apply(value);
            }
        }
        if (index == null || state == null) {
            return Optional.empty();
        }
        return Optional.of(new OperationCompletion(sourceHost, sourcePort, notification.toDottedString(), index, state,
                state == OperationState.FAILED ? cause : null, clock.instant()));
    }

    private static boolean isCell(OID oid, OID column) {
        return oid.size() == column.size() + 1 && oid.startsWith(column);
    }
}
