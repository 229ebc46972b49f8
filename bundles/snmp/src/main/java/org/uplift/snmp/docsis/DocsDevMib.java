package org.uplift.snmp.docsis;

import org.snmp4j.smi.OID;

/** The objects of DOCS-CABLE-DEVICE-MIB (RFC 4639) the driver uses: docsDevSoftware and docsDevResetNow. */
final class DocsDevMib {

    /** A simulated cable modem's product ids sit here: CableLabs' enterprise (4491), a suffix no real product uses. */
    static final String SIMULATED_PREFIX = "1.3.6.1.4.1.4491.99";

    private static final OID SOFTWARE = new OID("1.3.6.1.2.1.69.1.3");
    static final OID SW_FILENAME = scalar(2);
    static final OID SW_ADMIN_STATUS = scalar(3);
    static final OID SW_OPER_STATUS = scalar(4);
    static final OID SW_CURRENT_VERS = scalar(5);
    static final OID SW_SERVER_ADDRESS_TYPE = scalar(6);
    static final OID SW_SERVER_ADDRESS = scalar(7);
    static final OID SW_SERVER_TRANSPORT_PROTOCOL = scalar(8);
    static final OID RESET_NOW = new OID("1.3.6.1.2.1.69.1.1.3.0");

    static final int ADMIN_UPGRADE_FROM_MGT = 1;
    static final int OPER_IN_PROGRESS = 1;
    static final int OPER_COMPLETE_FROM_PROVISIONING = 2;
    static final int OPER_COMPLETE_FROM_MGT = 3;
    static final int OPER_FAILED = 4;
    static final int OPER_OTHER = 5;
    static final int TRANSPORT_TFTP = 1;
    static final int TRANSPORT_HTTP = 2;
    static final int ADDRESS_IPV4 = 1;
    static final int ADDRESS_IPV6 = 2;
    /** docsDevSwFilename is an SnmpAdminString (SIZE (0..64)). */
    static final int MAX_FILENAME_BYTES = 64;

    private DocsDevMib() {
    }

    /** docsDevSwOperStatus's label, e.g. {@code failed(4)}. */
    static String operLabel(int value) {
        return switch (value) {
            case OPER_IN_PROGRESS -> "inProgress(1)";
            case OPER_COMPLETE_FROM_PROVISIONING -> "completeFromProvisioning(2)";
            case OPER_COMPLETE_FROM_MGT -> "completeFromMgt(3)";
            case OPER_FAILED -> "failed(4)";
            case OPER_OTHER -> "other(5)";
            default -> "undefined value " + value;
        };
    }

    private static OID scalar(int object) {
        return new OID(SOFTWARE).append(object).append(0);
    }
}
