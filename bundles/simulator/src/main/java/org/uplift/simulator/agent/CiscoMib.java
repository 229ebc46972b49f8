package org.uplift.simulator.agent;

import org.snmp4j.smi.OID;

/** Object identifiers and values of CISCO-CONFIG-COPY-MIB's ccCopyTable and ccCopyCompletion, as the simulator serves them. */
final class CiscoMib {

    /**
     * The sysObjectID a cisco-config-copy device reports: under Cisco's enterprise subtree (9), product
     * 1 of ciscoProducts (9.1). It is a simulated product id, not a claim about any real Cisco product.
     */
    static final OID SIMULATED_PRODUCT = new OID("1.3.6.1.4.1.9.1.1");

    static final OID COPY_ENTRY = new OID("1.3.6.1.4.1.9.9.96.1.1.1.1");
    static final OID COPY_COMPLETION = new OID("1.3.6.1.4.1.9.9.96.2.1.1");

    static final int COL_PROTOCOL = 2;
    static final int COL_SOURCE_FILE_TYPE = 3;
    static final int COL_DEST_FILE_TYPE = 4;
    static final int COL_SERVER_ADDRESS = 5;
    static final int COL_FILE_NAME = 6;
    static final int COL_USER_NAME = 7;
    static final int COL_USER_PASSWORD = 8;
    static final int COL_NOTIFICATION_ON_COMPLETION = 9;
    static final int COL_STATE = 10;
    static final int COL_TIME_STARTED = 11;
    static final int COL_TIME_COMPLETED = 12;
    static final int COL_FAIL_CAUSE = 13;
    static final int COL_ROW_STATUS = 14;
    static final int COL_SERVER_ADDRESS_TYPE = 15;
    static final int COL_SERVER_ADDRESS_REV1 = 16;

    static final int PROTOCOL_TFTP = 1;
    static final int PROTOCOL_FTP = 2;

    static final int FILE_NETWORK = 1;
    static final int FILE_STARTUP_CONFIG = 3;
    static final int FILE_RUNNING_CONFIG = 4;

    static final int TRUE = 1;
    static final int FALSE = 2;

    private CiscoMib() {
    }
}
