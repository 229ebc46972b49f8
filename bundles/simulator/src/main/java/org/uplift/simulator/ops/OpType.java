package org.uplift.simulator.ops;

/** upliftIadOpType. */
public enum OpType {
    BACKUP_CONFIG(1), RESTORE_CONFIG(2), DOWNLOAD_FIRMWARE(3), ROLLBACK_FIRMWARE(4);

    private final int code;

    OpType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static OpType of(int code) {
        for (OpType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("no operation type " + code);
    }
}
