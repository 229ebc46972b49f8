package org.uplift.shell;

import java.io.PrintStream;

import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.support.table.Col;
import org.apache.karaf.shell.support.table.ShellTable;

/**
 * A command that lists things as a table. {@code --no-format} prints it as Karaf's own list commands do for
 * scripts: no header, no rules, cells separated by tabs, nothing at all for an empty list, and no cell cut short.
 */
public abstract class TableCommand extends UpliftAction {

    @Option(name = "--no-format", description = "For scripts: no header and no table decoration, cells separated by "
            + "tabs, nothing printed for an empty list")
    private boolean noFormat;

    /** Whether the table is printed for people (not {@code --no-format}). */
    protected final boolean formatted() {
        return !noFormat;
    }

    /** A column cut at {@code maxSize} characters on screen; a script reads it whole. */
    protected final Col column(ShellTable table, String header, int maxSize) {
        Col column = table.column(header);
        return formatted() ? column.maxSize(maxSize) : column;
    }

    protected final void print(ShellTable table) {
        table.print(System.out, formatted());
    }

    /** Where a remark about the table goes: after it on screen, to the error stream for a script. */
    protected final PrintStream remarks() {
        return formatted() ? System.out : System.err;
    }
}
