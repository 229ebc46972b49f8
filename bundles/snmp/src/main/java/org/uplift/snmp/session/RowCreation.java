package org.uplift.snmp.session;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

import org.snmp4j.PDU;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;
import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceException;

/**
 * Creates a row in a table whose index the manager chooses (createAndGo in one SET). An agent
 * answers inconsistentValue when the index is already in use (another manager's row): the row is
 * tried again under another random index, {@value #ATTEMPTS} times in all. With a {@link Cleanup},
 * a SET that failed otherwise or got no answer is followed by a destroy of that index, so a row the
 * agent created half-way (notReady, as IOS does column by column) is not left behind; an
 * {@link Ownership} check recognises the manager's own row when a retransmitted SET meets it.
 */
public final class RowCreation {

    static final int ATTEMPTS = 3;
    private static final int DESTROY = 6;

    /** The RowStatus column (without index) that destroys a failed attempt's row. */
    public record Cleanup(OID rowStatusColumn) {
    }

    /** Whether the row at an index in use is the one this manager just created (its SET's answer was lost). */
    @FunctionalInterface
    public interface Ownership {
        boolean ours(int index) throws DeviceException;
    }

    private final SnmpSession session;
    private final IntSupplier indexes;

    public RowCreation(SnmpSession session) {
        this(session, () -> ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE));
    }

    /** @param indexes the indexes to try, e.g. random ones (tests give fixed ones) */
    public RowCreation(SnmpSession session, IntSupplier indexes) {
        this.session = session;
        this.indexes = indexes;
    }

    /**
     * SETs {@code row.apply(index)} with random indexes until one is accepted; returns that index.
     *
     * @param table the table's name for messages, e.g. {@code upliftIadOpTable}
     */
    public int create(Device device, String table, IntFunction<VariableBinding[]> row) throws DeviceException {
        return create(device, table, row, null, index -> false);
    }

    /**
     * As {@link #create(Device, String, IntFunction)}, destroying what a failed attempt may have
     * created ({@code cleanup}, may be {@code null}) and adopting an index in use that {@code ownership}
     * recognises.
     */
    public int create(Device device, String table, IntFunction<VariableBinding[]> row, Cleanup cleanup,
            Ownership ownership) throws DeviceException {
        SnmpRequestException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int index = indexes.getAsInt();
            try {
                session.set(device, row.apply(index));
                return index;
            } catch (SnmpRequestException e) {
                if (e.errorStatus() != PDU.inconsistentValue) {
                    destroy(device, cleanup, index);
                    throw e;
                }
                // in use: another manager's row (leave it), or ours if a retransmitted SET met it
                if (ownership.ours(index)) {
                    return index;
                }
                last = e;
            } catch (DeviceException e) {
                // no answer: the agent may have created the row all the same
                destroy(device, cleanup, index);
                throw e;
            }
        }
        throw new DeviceException(SnmpSession.describe(device) + " refused to create a " + table + " row "
                + ATTEMPTS + " times with inconsistentValue, each time under another index (a row already in use); "
                + "another manager may be using the table, or the agent refuses every new row (last: "
                + last.getMessage() + ")", false, last);
    }

    /** The row's columns (OIDs without the index) under {@code index}, for {@link #create}. */
    public static VariableBinding[] withIndex(List<VariableBinding> columns, int index) {
        return columns.stream().map(c -> new VariableBinding(new OID(c.getOid()).append(index), c.getVariable()))
                .toArray(VariableBinding[]::new);
    }

    /**
     * Destroys the row at {@code index} once the manager is done with it. A row already gone (the
     * device restarted, or another manager removed it) is no error, whichever status the agent
     * answers that with.
     */
    public void destroy(Device device, OID rowStatusColumn, int index) throws DeviceException {
        try {
            session.set(device, new VariableBinding(new OID(rowStatusColumn).append(index), new Integer32(DESTROY)));
        } catch (SnmpRequestException e) {
            int status = e.errorStatus();
            if (status != PDU.noCreation && status != PDU.inconsistentName && status != PDU.noSuchName
                    && status != PDU.inconsistentValue) {
                throw e;
            }
        }
    }

    /** Best effort: the device may be unreachable, or have no such row (then destroy is a no-op or refused). */
    private void destroy(Device device, Cleanup cleanup, int index) {
        if (cleanup == null) {
            return;
        }
        try {
            session.set(device, new VariableBinding(new OID(cleanup.rowStatusColumn()).append(index),
                    new Integer32(DESTROY)));
        } catch (DeviceException e) {
            // nothing more to do: IOS removes rows never activated after about five minutes
        }
    }
}
