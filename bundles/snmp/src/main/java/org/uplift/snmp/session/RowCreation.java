package org.uplift.snmp.session;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

import org.snmp4j.PDU;
import org.snmp4j.smi.VariableBinding;
import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceException;

/**
 * Creates a row in a table whose index the manager chooses (createAndGo in one SET). An agent
 * answers inconsistentValue when the index is already in use (another manager's row): the row is
 * tried again under another random index, {@value #ATTEMPTS} times in all.
 */
public final class RowCreation {

    static final int ATTEMPTS = 3;

    private final SnmpSession session;

    public RowCreation(SnmpSession session) {
        this.session = session;
    }

    /**
     * SETs {@code row.apply(index)} with random indexes until one is accepted; returns that index.
     *
     * @param table the table's name for messages, e.g. {@code upliftIadOpTable}
     */
    public int create(Device device, String table, IntFunction<VariableBinding[]> row) throws DeviceException {
        SnmpRequestException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int index = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
            try {
                session.set(device, row.apply(index));
                return index;
            } catch (SnmpRequestException e) {
                if (e.errorStatus() != PDU.inconsistentValue) {
                    throw e;
                }
                last = e;
            }
        }
        throw new DeviceException(SnmpSession.describe(device) + " refused to create a " + table + " row "
                + ATTEMPTS + " times with inconsistentValue, each time under another index (a row already in use); "
                + "another manager may be using the table, or the agent refuses every new row (last: "
                + last.getMessage() + ")", false, last);
    }
}
