package org.uplift.snmp.iad;

import org.snmp4j.smi.OID;

/** The object identifiers of UPLIFT-IAD-MIB (src/main/resources/mibs/UPLIFT-IAD-MIB) the driver uses. */
public final class UpliftIadMib {

    public static final String ENTERPRISE_PREFIX = "1.3.6.1.4.1.32473.7";

    public static final OID MODEL = new OID("1.3.6.1.4.1.32473.7.1.1.1.0");
    public static final OID RUNNING_VERSION = new OID("1.3.6.1.4.1.32473.7.1.1.2.0");
    public static final OID KEPT_VERSION = new OID("1.3.6.1.4.1.32473.7.1.1.3.0");
    public static final OID CONFIG_FORMAT = new OID("1.3.6.1.4.1.32473.7.1.1.4.0");
    public static final OID CONFIG_DIGEST = new OID("1.3.6.1.4.1.32473.7.1.1.5.0");

    private static final OID OP_ENTRY = new OID("1.3.6.1.4.1.32473.7.1.2.1");
    static final int OP_TYPE = 2;
    static final int OP_PROTOCOL = 3;
    static final int OP_SERVER_ADDRESS_TYPE = 4;
    static final int OP_SERVER_ADDRESS = 5;
    static final int OP_SERVER_PORT = 6;
    static final int OP_FILE_NAME = 7;
    static final int OP_USER_NAME = 8;
    static final int OP_PASSWORD = 9;
    static final int OP_STATE = 10;
    static final int OP_FAIL_CAUSE = 11;
    static final int OP_FAIL_MESSAGE = 12;
    static final int OP_BYTES = 13;
    static final int OP_ROW_STATUS = 14;

    static final int ROW_CREATE_AND_GO = 4;

    /** upliftIadOpProtocol: tftp(1), ftp(2), http(3). */
    static final int PROTOCOL_TFTP = 1;
    static final int PROTOCOL_FTP = 2;
    static final int PROTOCOL_HTTP = 3;

    static final int ADDRESS_IPV4 = 1;
    static final int ADDRESS_IPV6 = 2;

    /** upliftIadOpFailCause's labels, indexed by value. */
    private static final String[] FAIL_CAUSES = {
            null, "none", "unknown", "badFileName", "timeout", "noMemory", "corruptImage", "wrongModel", "loadFailed",
            "unsupportedProtocol", "formatRejected", "transferFailed"
    };

    private UpliftIadMib() {
    }

    /** An upliftIadOpEntry column, without an index. */
    static OID opColumn(int column) {
        return new OID(OP_ENTRY).append(column);
    }

    /** The instance of an upliftIadOpEntry column in row {@code index}. */
    static OID opColumn(int column, int index) {
        return new OID(OP_ENTRY).append(column).append(index);
    }

    public static String failCauseName(int value) {
        return value > 0 && value < FAIL_CAUSES.length ? FAIL_CAUSES[value] : "failCause(" + value + ")";
    }
}
