package org.uplift.simulator.agent;

import static org.uplift.simulator.agent.RequestTable.idx;
import static org.uplift.simulator.agent.RequestTable.text;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BiConsumer;

import org.snmp4j.PDU;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.mo.DefaultMOMutableRow2PC;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.agent.mo.MOMutableColumn;
import org.snmp4j.agent.mo.MOTableRow;
import org.snmp4j.agent.mo.snmp.RowStatus;
import org.snmp4j.agent.mo.snmp.RowStatusEvent;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;
import org.uplift.simulator.ops.FailCause;
import org.uplift.simulator.ops.OpReport;
import org.uplift.simulator.ops.OpRequest;
import org.uplift.simulator.ops.OpState;
import org.uplift.simulator.ops.OpType;

/**
 * upliftIadOpTable: rows created with createAndGo in one SET start an operation; destroy deletes
 * them. Rows live in RAM only.
 */
final class OpTable {

    private static final int MAX_INDEX = Integer.MAX_VALUE;

    private final RequestTable table;

    static final OID OP_COMPLETION = new OID("1.3.6.1.4.1.32473.7.0.1");

    private final Notifier notifier;

    /**
     * @param starter  called (in the SNMP thread) with each new operation; must return at once
     * @param notifier sends upliftIadOpCompletion when an operation ends
     */
    OpTable(BiConsumer<OpRequest, OpReport> starter, Notifier notifier) {
        this.notifier = notifier;
        MOColumn[] columns = {
                Columns.enumeration(IadMib.COL_TYPE, null, 1, 2, 3, 4),
                Columns.enumeration(IadMib.COL_PROTOCOL, new Integer32(OpRequest.PROTOCOL_TFTP),
                        OpRequest.PROTOCOL_TFTP,
                        OpRequest.PROTOCOL_FTP, OpRequest.PROTOCOL_HTTP),
                Columns.enumeration(IadMib.COL_ADDRESS_TYPE, new Integer32(1), 0, 1, 2, 3, 4, 16),
                new MOMutableColumn<>(IadMib.COL_ADDRESS, SMIConstants.SYNTAX_OCTET_STRING,
                        MOAccessImpl.ACCESS_READ_CREATE, new OctetString(), false),
                new MOMutableColumn<>(IadMib.COL_PORT, SMIConstants.SYNTAX_GAUGE32,
                        MOAccessImpl.ACCESS_READ_CREATE, new UnsignedInteger32(69), false),
                new MOMutableColumn<>(IadMib.COL_FILE_NAME, SMIConstants.SYNTAX_OCTET_STRING,
                        MOAccessImpl.ACCESS_READ_CREATE, new OctetString(), false),
                new MOMutableColumn<>(IadMib.COL_USER_NAME, SMIConstants.SYNTAX_OCTET_STRING,
                        MOAccessImpl.ACCESS_READ_CREATE, new OctetString(), false),
                new Columns.WriteOnly(IadMib.COL_PASSWORD),
                new MOColumn<>(IadMib.COL_STATE, SMIConstants.SYNTAX_INTEGER, MOAccessImpl.ACCESS_READ_ONLY),
                new MOColumn<>(IadMib.COL_FAIL_CAUSE, SMIConstants.SYNTAX_INTEGER, MOAccessImpl.ACCESS_READ_ONLY),
                new MOColumn<>(IadMib.COL_FAIL_MESSAGE, SMIConstants.SYNTAX_OCTET_STRING,
                        MOAccessImpl.ACCESS_READ_ONLY),
                new MOColumn<>(IadMib.COL_BYTES, SMIConstants.SYNTAX_GAUGE32, MOAccessImpl.ACCESS_READ_ONLY),
                new RowStatus<>(IadMib.COL_ROW_STATUS)
        };
        table = new RequestTable(IadMib.OP_ENTRY, columns, SMIConstants.SYNTAX_GAUGE32,
                oid -> oid.size() == 1 && oid.getUnsigned(0) >= 1 && oid.getUnsigned(0) <= MAX_INDEX,
                OpTable::startWaiting, event -> onRowStatus(event, starter));
    }

    void register(MOServer server) throws DuplicateRegistrationException {
        table.register(server);
    }

    void unregister(MOServer server) {
        table.unregister(server);
    }

    /** Forgets every row, as a reboot does. */
    void clear() {
        table.clear();
    }

    private void onRowStatus(RowStatusEvent event, BiConsumer<OpRequest, OpReport> starter) {
        if (event.isDeniable()) {
            if (event.getNewStatus() == RowStatus.createAndWait || event.getNewStatus() == RowStatus.notInService) {
                event.setDenyReason(PDU.wrongValue);
            } else if (event.getNewStatus() == RowStatus.createAndGo
                    && event.getOldStatus() != RowStatus.notExistent && event.getOldStatus() != RowStatus.createAndGo) {
                event.setDenyReason(PDU.inconsistentValue);
            }
            return;
        }
        if (event.isRowActivated() && event.getRow() instanceof DefaultMOMutableRow2PC row) {
            OpRequest request = requestOf(row);
            forgetPassword(row);
            starter.accept(request, new RowReport(row, notifier));
        }
    }

    private static OpRequest requestOf(MOTableRow row) {
        int index = (int) row.getIndex().getUnsigned(0);
        OpType type = OpType.of(row.getValue(idx(IadMib.COL_TYPE)).toInt());
        int protocol = row.getValue(idx(IadMib.COL_PROTOCOL)).toInt();
        int port = (int) ((UnsignedInteger32) row.getValue(idx(IadMib.COL_PORT))).getValue();
        String fileName = text(row, IadMib.COL_FILE_NAME);
        String user = text(row, IadMib.COL_USER_NAME);
        String password = text(row, IadMib.COL_PASSWORD);
        return new OpRequest(index, type, protocol, address(row), port, fileName, user.isEmpty() ? null : user,
                password.isEmpty() ? null : password);
    }

    private static InetAddress address(MOTableRow row) {
        int type = row.getValue(idx(IadMib.COL_ADDRESS_TYPE)).toInt();
        return RequestTable.address(type, ((OctetString) row.getValue(idx(IadMib.COL_ADDRESS))).getValue());
    }

    private static void forgetPassword(DefaultMOMutableRow2PC row) {
        row.setValue(idx(IadMib.COL_PASSWORD), new OctetString());
    }

    /** New rows start waiting, with no fail cause and no bytes. */
    private static Variable[] startWaiting(Variable[] values) {
        setIfAbsent(values, IadMib.COL_STATE, new Integer32(OpState.WAITING.code()));
        setIfAbsent(values, IadMib.COL_FAIL_CAUSE, new Integer32(FailCause.NONE.code()));
        setIfAbsent(values, IadMib.COL_FAIL_MESSAGE, new OctetString());
        setIfAbsent(values, IadMib.COL_BYTES, new UnsignedInteger32(0));
        return values;
    }

    private static void setIfAbsent(Variable[] values, int column, Variable value) {
        if (values[idx(column)] == null) {
            values[idx(column)] = value;
        }
    }

    /** Writes an operation's progress into its row. */
    private static final class RowReport implements OpReport {
        private final DefaultMOMutableRow2PC row;
        private final Notifier notifier;

        RowReport(DefaultMOMutableRow2PC row, Notifier notifier) {
            this.row = row;
            this.notifier = notifier;
        }

        private void notifyCompletion() {
            notifier.send(OP_COMPLETION,
                    RequestTable.cells(IadMib.OP_ENTRY, row, IadMib.COL_TYPE, IadMib.COL_STATE, IadMib.COL_FAIL_CAUSE));
        }

        @Override
        public void pending() {
            row.setValue(idx(IadMib.COL_STATE), null);
        }

        @Override
        public void running() {
            row.setValue(idx(IadMib.COL_STATE), new Integer32(OpState.RUNNING.code()));
        }

        @Override
        public void bytes(long count) {
            row.setValue(idx(IadMib.COL_BYTES), new UnsignedInteger32(Math.min(count, 0xFFFFFFFFL)));
        }

        @Override
        public void successful() {
            row.setValue(idx(IadMib.COL_STATE), new Integer32(OpState.SUCCESSFUL.code()));
            notifyCompletion();
        }

        @Override
        public void failed(FailCause cause, String message) {
            byte[] text = message == null ? new byte[0] : message.getBytes(StandardCharsets.UTF_8);
            row.setValue(idx(IadMib.COL_FAIL_MESSAGE),
                    new OctetString(Arrays.copyOf(text, Math.min(text.length, 255))));
            row.setValue(idx(IadMib.COL_FAIL_CAUSE), new Integer32(cause.code()));
            row.setValue(idx(IadMib.COL_STATE), new Integer32(OpState.FAILED.code()));
            notifyCompletion();
        }
    }
}
