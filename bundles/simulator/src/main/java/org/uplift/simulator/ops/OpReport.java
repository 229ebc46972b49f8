package org.uplift.simulator.ops;

/** Where an operation reports its progress: the operation's row. */
public interface OpReport {

    void running();

    void bytes(long count);

    void successful();

    void failed(FailCause cause, String message);
}
