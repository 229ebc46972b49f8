package org.uplift.snmp.session;

import org.snmp4j.smi.OID;
import org.uplift.api.driver.DeviceException;

/** The agent answered with an error status; keeps the status and the failing variable's OID. */
public final class SnmpRequestException extends DeviceException {
    private static final long serialVersionUID = 1L;

    private final int errorStatus;
    private final transient OID failedOid;

    SnmpRequestException(String message, int errorStatus, OID failedOid) {
        super(message, false);
        this.errorStatus = errorStatus;
        this.failedOid = failedOid;
    }

    /** The SNMP error-status (see {@link org.snmp4j.PDU}). */
    public int errorStatus() {
        return errorStatus;
    }

    /** The variable the agent named as failing, or {@code null}. */
    public OID failedOid() {
        return failedOid;
    }
}
