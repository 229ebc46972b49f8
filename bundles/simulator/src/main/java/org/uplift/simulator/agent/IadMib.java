package org.uplift.simulator.agent;

import org.snmp4j.smi.OID;

/** Object identifiers of UPLIFT-IAD-MIB and the SNMPv2-MIB system group the simulator serves. */
public final class IadMib {

    public static final OID UPLIFT_IAD_MIB = new OID("1.3.6.1.4.1.32473.7");
    public static final OID UPLIFT_IAD_1000 = new OID("1.3.6.1.4.1.32473.7.3.1");
    public static final OID SYSTEM = new OID("1.3.6.1.4.1.32473.7.1.1");
    public static final OID MODEL = new OID(SYSTEM).append(1);
    public static final OID RUNNING_VERSION = new OID(SYSTEM).append(2);
    public static final OID KEPT_VERSION = new OID(SYSTEM).append(3);
    public static final OID CONFIG_FORMAT = new OID(SYSTEM).append(4);
    public static final OID CONFIG_DIGEST = new OID(SYSTEM).append(5);
    /** upliftIadOpEntry; columns are its children. */
    public static final OID OP_ENTRY = new OID("1.3.6.1.4.1.32473.7.1.2.1");

    public static final int COL_TYPE = 2;
    public static final int COL_PROTOCOL = 3;
    public static final int COL_ADDRESS_TYPE = 4;
    public static final int COL_ADDRESS = 5;
    public static final int COL_PORT = 6;
    public static final int COL_FILE_NAME = 7;
    public static final int COL_USER_NAME = 8;
    public static final int COL_PASSWORD = 9;
    public static final int COL_STATE = 10;
    public static final int COL_FAIL_CAUSE = 11;
    public static final int COL_FAIL_MESSAGE = 12;
    public static final int COL_BYTES = 13;
    public static final int COL_ROW_STATUS = 14;

    private IadMib() {
    }
}
