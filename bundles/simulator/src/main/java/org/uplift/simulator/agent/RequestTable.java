package org.uplift.simulator.agent;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.MOServer;
import org.snmp4j.agent.mo.DefaultMOMutableRow2PC;
import org.snmp4j.agent.mo.DefaultMOMutableTableModel;
import org.snmp4j.agent.mo.DefaultMOTable;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.agent.mo.MOTableIndex;
import org.snmp4j.agent.mo.MOTableIndexValidator;
import org.snmp4j.agent.mo.MOTableRow;
import org.snmp4j.agent.mo.MOTableRowFactory;
import org.snmp4j.agent.mo.MOTableSubIndex;
import org.snmp4j.agent.mo.snmp.RowStatus;
import org.snmp4j.agent.mo.snmp.RowStatusListener;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * What ccCopyTable and upliftIadOpTable share: a read-create table of transfer requests indexed by one
 * integer, its columns numbered from 2 (the index is column 1 and not served), rows created and
 * started through its RowStatus column, held in RAM only; and how a request's text and server
 * address are read from a row.
 */
final class RequestTable {

    private final DefaultMOTable<DefaultMOMutableRow2PC, MOColumn, DefaultMOMutableTableModel<DefaultMOMutableRow2PC>> table;
    private final DefaultMOMutableTableModel<DefaultMOMutableRow2PC> model;

    /**
     * @param entry       the entry's OID
     * @param columns     the served columns, from column 2 on; one of them a {@link RowStatus}
     * @param indexSyntax the SMI syntax of the index
     * @param validIndex  which indexes a manager may create
     * @param newRow      fills a new row's values (a copy of what the manager set) where the table has defaults
     * @param rowStatus   told of every change of a row's status
     */
    RequestTable(OID entry, MOColumn[] columns, int indexSyntax, MOTableIndexValidator validIndex,
            UnaryOperator<Variable[]> newRow, RowStatusListener rowStatus) {
        MOTableIndex index = new MOTableIndex(
                new MOTableSubIndex[]{new MOTableSubIndex(null, indexSyntax, 1, 1)}, false, validIndex);
        model = new DefaultMOMutableTableModel<>();
        model.setRowFactory(new MOTableRowFactory<>() {
            @Override
            public DefaultMOMutableRow2PC createRow(OID rowIndex, Variable[] values) {
                return new DefaultMOMutableRow2PC(rowIndex, newRow.apply(values.clone()));
            }

            @Override
            public void freeRow(DefaultMOMutableRow2PC row) {
            }
        });
        table = new DefaultMOTable<>(entry, index, columns, model);
        for (MOColumn column : columns) {
            if (column instanceof RowStatus<?> status) {
                status.addRowStatusListener(rowStatus);
            }
        }
    }

    void register(MOServer server) throws DuplicateRegistrationException {
        server.register(table, null);
    }

    void unregister(MOServer server) {
        server.unregister(table, null);
    }

    /** Forgets every row, as a reboot does. */
    void clear() {
        model.clear();
    }

    /** A column's place among a row's values. */
    static int idx(int column) {
        return column - 2;
    }

    /** A text column's value as UTF-8; empty when it holds no octets. */
    static String text(MOTableRow row, int column) {
        return row.getValue(idx(column)) instanceof OctetString octets
                ? new String(octets.getValue(), StandardCharsets.UTF_8) : "";
    }

    /** An InetAddressType (ipv4(1), ipv6(2)) and its octets as an address; {@code null} for anything else. */
    static InetAddress address(int type, byte[] bytes) {
        if ((type == 1 && bytes.length == 4) || (type == 2 && bytes.length == 16)) {
            try {
                return InetAddress.getByAddress(bytes);
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    /** The row's cells of these columns, for a notification; a column without a value is left out. */
    static VariableBinding[] cells(OID entry, MOTableRow row, int... columns) {
        List<VariableBinding> cells = new ArrayList<>();
        for (int column : columns) {
            Variable value = row.getValue(idx(column));
            if (value != null) {
                cells.add(new VariableBinding(new OID(entry).append(column).append(row.getIndex()), value));
            }
        }
        return cells.toArray(VariableBinding[]::new);
    }
}
