package org.uplift.simulator.agent;

import static org.uplift.simulator.agent.RequestTable.idx;
import static org.uplift.simulator.agent.RequestTable.text;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

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
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.TimeTicks;
import org.uplift.simulator.ops.FailCause;
import org.uplift.simulator.ops.OpReport;
import org.uplift.simulator.ops.OpRequest;
import org.uplift.simulator.ops.OpType;

/**
 * CISCO-CONFIG-COPY-MIB's ccCopyTable as IOS behaves (see DEVICES.md): a manager creates a row
 * (createAndGo in one SET, or createAndWait, the columns, then active) copying the running
 * configuration to a network file (a backup) or a network file to the running configuration (a
 * restore) over TFTP or FTP; creating an index in use answers inconsistentValue. Once active the
 * row reports its state (waiting only while another copy runs, then running, successful or
 * failed), its times and, once failed, its fail cause; the password reads back empty. Finished
 * rows stay until the manager destroys them. The MIB names no server port, so copies use the
 * device's configured TFTP or FTP port.
 */
final class CcCopyTable {

    private final RequestTable table;
    private final Notifier notifier;
    private final LongSupplier upTime;
    private final int tftpPort;
    private final int ftpPort;
    /** Copies activated and not yet ended: a new one waits while any runs (IOS copies one at a time). */
    private final AtomicInteger copiesInProgress = new AtomicInteger();

    /**
     * @param starter  called (in the SNMP thread) with each new copy; must return at once
     * @param notifier sends ccCopyCompletion when a copy that asked for it ends
     * @param upTime   sysUpTime, for ccCopyTimeStarted and ccCopyTimeCompleted
     * @param tftpPort the file server's TFTP port
     * @param ftpPort  the file server's FTP port
     */
    CcCopyTable(BiConsumer<OpRequest, OpReport> starter, Notifier notifier, LongSupplier upTime, int tftpPort,
            int ftpPort) {
        this.notifier = notifier;
        this.upTime = upTime;
        this.tftpPort = tftpPort;
        this.ftpPort = ftpPort;
        MOColumn[] columns = {
                Columns.enumeration(CiscoMib.COL_PROTOCOL, new Integer32(1), 1, 2, 3, 4, 5),
                Columns.enumeration(CiscoMib.COL_SOURCE_FILE_TYPE, null, 1, 2, 3, 4, 5, 6),
                Columns.enumeration(CiscoMib.COL_DEST_FILE_TYPE, null, 1, 2, 3, 4, 5, 6),
                new MOMutableColumn<>(CiscoMib.COL_SERVER_ADDRESS, SMIConstants.SYNTAX_IPADDRESS,
                        MOAccessImpl.ACCESS_READ_CREATE, new IpAddress("0.0.0.0"), false),
                Columns.octets(CiscoMib.COL_FILE_NAME),
                Columns.octets(CiscoMib.COL_USER_NAME),
                new Columns.WriteOnly(CiscoMib.COL_USER_PASSWORD),
                Columns.enumeration(CiscoMib.COL_NOTIFICATION_ON_COMPLETION, new Integer32(CiscoMib.FALSE),
                        CiscoMib.TRUE, CiscoMib.FALSE),
                new MOColumn<>(CiscoMib.COL_STATE, SMIConstants.SYNTAX_INTEGER, MOAccessImpl.ACCESS_READ_ONLY),
                new MOColumn<>(CiscoMib.COL_TIME_STARTED, SMIConstants.SYNTAX_TIMETICKS, MOAccessImpl.ACCESS_READ_ONLY),
                new MOColumn<>(CiscoMib.COL_TIME_COMPLETED, SMIConstants.SYNTAX_TIMETICKS,
                        MOAccessImpl.ACCESS_READ_ONLY),
                new MOColumn<>(CiscoMib.COL_FAIL_CAUSE, SMIConstants.SYNTAX_INTEGER, MOAccessImpl.ACCESS_READ_ONLY),
                new RowStatus<>(CiscoMib.COL_ROW_STATUS),
                Columns.enumeration(CiscoMib.COL_SERVER_ADDRESS_TYPE, new Integer32(1), 0, 1, 2, 3, 4, 16),
                Columns.octets(CiscoMib.COL_SERVER_ADDRESS_REV1)
        };
        // state and times exist only once the row is active; ccCopyFailCause only once the copy failed
        table = new RequestTable(CiscoMib.COPY_ENTRY, columns, SMIConstants.SYNTAX_INTEGER,
                oid -> oid.size() == 1 && oid.get(0) >= 1, values -> values, event -> onRowStatus(event, starter));
    }

    void register(MOServer server) throws DuplicateRegistrationException {
        table.register(server);
    }

    /** Forgets every row, as a reboot does. */
    void clear() {
        table.clear();
        copiesInProgress.set(0);
    }

    private static final int STATE_WAITING = 1;
    private static final int STATE_RUNNING = 2;
    private static final int STATE_SUCCESSFUL = 3;
    private static final int STATE_FAILED = 4;

    private void onRowStatus(RowStatusEvent event, BiConsumer<OpRequest, OpReport> starter) {
        if (event.isDeniable()) {
            boolean creating = event.getNewStatus() == RowStatus.createAndGo
                    || event.getNewStatus() == RowStatus.createAndWait;
            if (creating && event.getOldStatus() != RowStatus.notExistent
                    && event.getOldStatus() != RowStatus.createAndGo
                    && event.getOldStatus() != RowStatus.createAndWait) {
                event.setDenyReason(PDU.inconsistentValue); // the index is in use: the manager picks another
            } else if (event.getNewStatus() == RowStatus.notInService && event.getOldStatus() == RowStatus.active) {
                event.setDenyReason(PDU.inconsistentValue); // after active, only deletion is allowed
            }
            return;
        }
        if (event.isRowActivated() && event.getRow() instanceof DefaultMOMutableRow2PC row) {
            OpType type = typeOf(row);
            int protocol = row.getValue(idx(CiscoMib.COL_PROTOCOL)).toInt();
            OpRequest request = type == null ? null : requestOf(row, type, protocol);
            // the password is needed once, for the transfer; it reads back empty anyway
            row.setValue(idx(CiscoMib.COL_USER_PASSWORD), new OctetString());
            boolean waits = copiesInProgress.getAndIncrement() > 0;
            row.setValue(idx(CiscoMib.COL_STATE), new Integer32(waits ? STATE_WAITING : STATE_RUNNING));
            row.setValue(idx(CiscoMib.COL_TIME_STARTED), waits ? new TimeTicks(0) : now());
            row.setValue(idx(CiscoMib.COL_TIME_COMPLETED), new TimeTicks(0));
            CopyReport report = new CopyReport(row);
            if (type == null) {
                report.failed(FailCause.UNKNOWN, "unsupported copy");
            } else if (protocol != CiscoMib.PROTOCOL_TFTP && protocol != CiscoMib.PROTOCOL_FTP) {
                report.failed(FailCause.UNSUPPORTED_PROTOCOL, "only tftp and ftp are supported");
            } else {
                starter.accept(request, report);
            }
        }
    }

    /** running/startup-config to a network file is a backup, a network file to either config a restore. */
    private static OpType typeOf(MOTableRow row) {
        int source = row.getValue(idx(CiscoMib.COL_SOURCE_FILE_TYPE)).toInt();
        int destination = row.getValue(idx(CiscoMib.COL_DEST_FILE_TYPE)).toInt();
        boolean config = destination == CiscoMib.FILE_RUNNING_CONFIG || destination == CiscoMib.FILE_STARTUP_CONFIG;
        if (destination == CiscoMib.FILE_NETWORK
                && (source == CiscoMib.FILE_RUNNING_CONFIG || source == CiscoMib.FILE_STARTUP_CONFIG)) {
            return OpType.BACKUP_CONFIG;
        }
        // the simulated device keeps one configuration, so startup and running are the same file
        return source == CiscoMib.FILE_NETWORK && config ? OpType.RESTORE_CONFIG : null;
    }

    private OpRequest requestOf(MOTableRow row, OpType type, int protocol) {
        int index = row.getIndex().get(0);
        boolean ftp = protocol == CiscoMib.PROTOCOL_FTP;
        // IOS merges a file copied into running-config: lines the file does not mention stay (DEVICES.md)
        return new OpRequest(index, type, ftp ? OpRequest.PROTOCOL_FTP : OpRequest.PROTOCOL_TFTP, address(row),
                ftp ? ftpPort : tftpPort, text(row, CiscoMib.COL_FILE_NAME),
                ftp ? emptyToNull(text(row, CiscoMib.COL_USER_NAME)) : null,
                ftp ? emptyToNull(text(row, CiscoMib.COL_USER_PASSWORD)) : null, type == OpType.RESTORE_CONFIG);
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    private TimeTicks now() {
        return new TimeTicks(upTime.getAsLong() & 0xFFFFFFFFL);
    }

    /** ccCopyServerAddressType/Rev1 when set, else the deprecated IPv4-only ccCopyServerAddress. */
    private static InetAddress address(MOTableRow row) {
        int type = row.getValue(idx(CiscoMib.COL_SERVER_ADDRESS_TYPE)).toInt();
        byte[] bytes = ((OctetString) row.getValue(idx(CiscoMib.COL_SERVER_ADDRESS_REV1))).getValue();
        if (bytes.length == 0) {
            bytes = ((IpAddress) row.getValue(idx(CiscoMib.COL_SERVER_ADDRESS))).getInetAddress().getAddress();
            type = 1;
        }
        InetAddress address = RequestTable.address(type, bytes);
        return address == null || address.isAnyLocalAddress() ? null : address;
    }

    /** ConfigCopyFailCause for the simulator's fail causes. */
    static int ciscoFailCause(FailCause cause) {
        return switch (cause) {
            case BAD_FILE_NAME -> 2;
            case TIMEOUT -> 3;
            case NO_MEMORY -> 4;
            case UNSUPPORTED_PROTOCOL -> 6;
            case FORMAT_REJECTED -> 7; // someConfigApplyFailed
            default -> 1;
        };
    }

    /** Writes a copy's progress into its row. */
    private final class CopyReport implements OpReport {
        private final DefaultMOMutableRow2PC row;

        CopyReport(DefaultMOMutableRow2PC row) {
            this.row = row;
        }

        private boolean ended;

        @Override
        public void pending() {
            row.setValue(idx(CiscoMib.COL_STATE), null);
            row.setValue(idx(CiscoMib.COL_TIME_STARTED), null);
            row.setValue(idx(CiscoMib.COL_TIME_COMPLETED), null);
        }

        @Override
        public void running() {
            if (row.getValue(idx(CiscoMib.COL_TIME_COMPLETED)) == null) {
                row.setValue(idx(CiscoMib.COL_TIME_COMPLETED), new TimeTicks(0)); // hidden while pending
            }
            row.setValue(idx(CiscoMib.COL_TIME_STARTED), now());
            row.setValue(idx(CiscoMib.COL_STATE), new Integer32(STATE_RUNNING));
        }

        @Override
        public void bytes(long count) {
            // ccCopyTable has no byte count
        }

        @Override
        public synchronized void successful() {
            end();
            row.setValue(idx(CiscoMib.COL_TIME_COMPLETED), now());
            row.setValue(idx(CiscoMib.COL_STATE), new Integer32(STATE_SUCCESSFUL));
            notifyCompletion();
        }

        @Override
        public synchronized void failed(FailCause cause, String message) {
            end();
            row.setValue(idx(CiscoMib.COL_TIME_COMPLETED), now());
            row.setValue(idx(CiscoMib.COL_FAIL_CAUSE), new Integer32(ciscoFailCause(cause)));
            row.setValue(idx(CiscoMib.COL_STATE), new Integer32(STATE_FAILED));
            notifyCompletion();
        }

        /** Counts the copy out once, so the next one runs rather than waits. */
        private void end() {
            if (!ended) {
                ended = true;
                copiesInProgress.updateAndGet(n -> Math.max(0, n - 1)); // a reboot may have reset it
            }
        }

        /** ccCopyCompletion's objects: server address, file name, state, times, and the fail cause if failed. */
        private void notifyCompletion() {
            if (row.getValue(idx(CiscoMib.COL_NOTIFICATION_ON_COMPLETION)).toInt() != CiscoMib.TRUE) {
                return;
            }
            notifier.send(CiscoMib.COPY_COMPLETION, RequestTable.cells(CiscoMib.COPY_ENTRY, row,
                    CiscoMib.COL_SERVER_ADDRESS, CiscoMib.COL_FILE_NAME, CiscoMib.COL_STATE, CiscoMib.COL_TIME_STARTED,
                    CiscoMib.COL_TIME_COMPLETED, CiscoMib.COL_FAIL_CAUSE));
        }
    }
}
