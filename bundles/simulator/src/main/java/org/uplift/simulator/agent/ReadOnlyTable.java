package org.uplift.simulator.agent;

import java.util.List;
import java.util.function.Supplier;

import org.snmp4j.agent.mo.DefaultMOTable;
import org.snmp4j.agent.mo.DefaultMOTableModel;
import org.snmp4j.agent.mo.DefaultMOTableRow;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOColumn;
import org.snmp4j.agent.mo.MOTableIndex;
import org.snmp4j.agent.mo.MOTableSubIndex;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.Variable;

/**
 * A read-only table indexed by one integer whose cells are read from the device at each request
 * (a version changes after a reload). A cell whose supplier gives {@code null} is not instantiated.
 */
final class ReadOnlyTable {

    /** One row: its index and one supplier per column, in column order. */
    record Row(int index, List<Supplier<? extends Variable>> cells) {
    }

    private ReadOnlyTable() {
    }

    /**
     * @param entry   the entry's OID (columns are its children)
     * @param syntax  the SMI syntax of each column, columns numbered from {@code first}
     * @param first   the sub-identifier of the first served column (the index column is not served)
     */
    static DefaultMOTable<DefaultMOTableRow, MOColumn, DefaultMOTableModel<DefaultMOTableRow>> of(OID entry,
            int first, int[] syntax, List<Row> rows) {
        MOColumn[] columns = new MOColumn[syntax.length];
        for (int i = 0; i < syntax.length; i++) {
            columns[i] = new MOColumn<>(first + i, syntax[i], MOAccessImpl.ACCESS_READ_ONLY);
        }
        MOTableIndex index = new MOTableIndex(
                new MOTableSubIndex[]{new MOTableSubIndex(null, SMIConstants.SYNTAX_INTEGER, 1, 1)});
        DefaultMOTableModel<DefaultMOTableRow> model = new DefaultMOTableModel<>();
        for (Row row : rows) {
            if (row.cells().size() != syntax.length) {
                throw new IllegalArgumentException("row " + row.index() + " has " + row.cells().size()
                        + " cells for " + syntax.length + " columns");
            }
            model.addRow(new LiveRow(row));
        }
        return new DefaultMOTable<>(entry, index, columns, model);
    }

    /** Reads each cell from its supplier. */
    private static final class LiveRow extends DefaultMOTableRow {
        private final List<Supplier<? extends Variable>> cells;

        LiveRow(Row row) {
            super(new OID(new int[]{row.index()}), new Variable[row.cells().size()]);
            this.cells = row.cells();
        }

        @Override
        public Variable getValue(int column) {
            return column >= 0 && column < cells.size() ? cells.get(column).get() : null;
        }
    }
}
