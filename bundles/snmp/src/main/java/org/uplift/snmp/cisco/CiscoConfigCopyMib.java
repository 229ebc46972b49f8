package org.uplift.snmp.cisco;

import org.snmp4j.smi.OID;

/** The parts of CISCO-CONFIG-COPY-MIB the driver and the receiver use: ccCopyTable and ccCopyCompletion. */
public final class CiscoConfigCopyMib {

    /** Cisco's enterprise subtree: the default sysObjectID prefix of devices this driver speaks to. */
    public static final String CISCO_PREFIX = "1.3.6.1.4.1.9";

    static final OID CC_COPY_ENTRY = new OID("1.3.6.1.4.1.9.9.96.1.1.1.1");
    public static final OID CC_COPY_COMPLETION = new OID("1.3.6.1.4.1.9.9.96.2.1.1");

    static final int PROTOCOL = 2;
    static final int SOURCE_FILE_TYPE = 3;
    static final int DEST_FILE_TYPE = 4;
    /** ccCopyServerAddress (IpAddress): deprecated, IPv4 only; older IOS has nothing else. */
    static final int SERVER_ADDRESS_V4 = 5;
    static final int FILE_NAME = 6;
    static final int USER_NAME = 7;
    static final int USER_PASSWORD = 8;
    static final int NOTIFICATION_ON_COMPLETION = 9;
    public static final int STATE = 10;
    public static final int FAIL_CAUSE = 13;
    static final int ENTRY_ROW_STATUS = 14;
    static final int SERVER_ADDRESS_TYPE = 15;
    /** ccCopyServerAddressRev1 (InetAddress); column 5, the IPv4-only ccCopyServerAddress, is deprecated. */
    static final int SERVER_ADDRESS = 16;

    static final int PROTOCOL_TFTP = 1;
    static final int PROTOCOL_FTP = 2;
    static final int FILE_NETWORK = 1;
    static final int FILE_STARTUP_CONFIG = 3;
    static final int FILE_RUNNING_CONFIG = 4;
    static final int TRUE = 1;
    static final int ROW_CREATE_AND_GO = 4;
    static final int ADDRESS_IPV4 = 1;
    static final int ADDRESS_IPV6 = 2;

    private static final String[] FAIL_CAUSES = {
            null, "unknown", "badFileName", "timeout", "noMem", "noConfig", "unsupportedProtocol",
            "someConfigApplyFailed", "systemNotReady", "requestAborted"
    };

    private CiscoConfigCopyMib() {
    }

    /** The instance of a ccCopyEntry column in row {@code index}. */
    public static OID column(int column, int index) {
        return new OID(CC_COPY_ENTRY).append(column).append(index);
    }

    /** The column OID without an index, for prefix matching. */
    public static OID column(int column) {
        return new OID(CC_COPY_ENTRY).append(column);
    }

    /** ConfigCopyFailCause's label. */
    public static String failCauseName(int value) {
        return value > 0 && value < FAIL_CAUSES.length ? FAIL_CAUSES[value] : "failCause(" + value + ")";
    }
}
