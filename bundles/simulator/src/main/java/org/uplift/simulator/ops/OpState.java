package org.uplift.simulator.ops;

/** upliftIadOpState. */
public enum OpState {
    WAITING(1), RUNNING(2), SUCCESSFUL(3), FAILED(4);

    private final int code;

    OpState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
