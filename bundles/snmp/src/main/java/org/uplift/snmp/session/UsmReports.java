package org.uplift.snmp.session;

import org.snmp4j.PDU;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.VariableBinding;

/** Names the USM statistics a v3 agent reports when it refuses a request (RFC 3414). */
final class UsmReports {

    private static final OID USM_STATS = new OID("1.3.6.1.6.3.15.1.1");
    private static final int NOT_IN_TIME_WINDOW = 2;
    private static final int UNKNOWN_ENGINE_ID = 4;
    private static final String[] CAUSES = {
            null,
            "unsupported security level (usmStatsUnsupportedSecLevels)",
            "message outside the time window (usmStatsNotInTimeWindows)",
            "unknown user name (usmStatsUnknownUserNames)",
            "unknown engine ID (usmStatsUnknownEngineIDs)",
            "wrong authentication passphrase or protocol (usmStatsWrongDigests)",
            "cannot decrypt: wrong privacy passphrase or protocol (usmStatsDecryptionErrors)"
    };

    private UsmReports() {
    }

    /**
     * Whether the report says the manager's idea of the engine is out of date: an unknown engine ID
     * (the agent took another) or a message outside the time window (it restarted, its boots rose).
     * Rediscovering the engine cures both; no other report is cured by asking again.
     */
    static boolean staleEngine(PDU report) {
        int cause = cause(report);
        return cause == UNKNOWN_ENGINE_ID || cause == NOT_IN_TIME_WINDOW;
    }

    /** The usmStats counter the report names (1-6), or 0. */
    private static int cause(PDU report) {
        for (VariableBinding binding : report.getVariableBindings()) {
            OID oid = binding.getOid();
            if (oid.startsWith(USM_STATS) && oid.size() > USM_STATS.size()) {
                int which = oid.get(USM_STATS.size());
                if (which >= 1 && which < CAUSES.length) {
                    return which;
                }
            }
        }
        return 0;
    }

    static String describe(PDU report) {
        int which = cause(report);
        if (which != 0) {
            return CAUSES[which];
        }
        return report.size() == 0 ? "an SNMPv3 report" : "an SNMPv3 report " + report.get(0).getOid();
    }
}
