package org.uplift.simulator.ops;

/** Where an operation reports its progress: the operation's row. */
public interface OpReport {

    /**
     * The device is slow to create the operation (fault slow-row): its row exists but its state reads
     * noSuchInstance until the operation starts. Called before the operation is queued; a MIB without
     * a row has nothing to hide.
     */
    default void pending() {
    }

    void running();

    void bytes(long count);

    void successful();

    void failed(FailCause cause, String message);
}
