package org.uplift.snmp.session;

/** SNMP error-status names as RFC 3416 spells them. */
public final class SnmpErrorStatus {

    private static final String[] NAMES = {
            "noError", "tooBig", "noSuchName", "badValue", "readOnly", "genErr", "noAccess", "wrongType",
            "wrongLength", "wrongEncoding", "wrongValue", "noCreation", "inconsistentValue", "resourceUnavailable",
            "commitFailed", "undoFailed", "authorizationError", "notWritable", "inconsistentName"
    };

    private SnmpErrorStatus() {
    }

    public static String name(int status) {
        return status >= 0 && status < NAMES.length ? NAMES[status] : "errorStatus(" + status + ")";
    }
}
