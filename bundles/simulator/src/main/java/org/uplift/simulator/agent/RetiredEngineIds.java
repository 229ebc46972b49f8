package org.uplift.simulator.agent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.UsmTimeTable;
import org.snmp4j.smi.OctetString;

/**
 * The agent's USM time table, which also knows the engine IDs the agent had before a change: a
 * request still addressed to one is an unknown engine ID (RFC 3414 3.2.3), answered with a
 * usmStatsUnknownEngineIDs report so the manager rediscovers. SNMP4J would otherwise take the old
 * ID for a remote engine (its USM also serves the notification-sender role) and drop the request
 * without a word, which no real agent does.
 */
final class RetiredEngineIds extends UsmTimeTable {

    private static final long serialVersionUID = 1L;

    private final transient Set<OctetString> retired = ConcurrentHashMap.newKeySet();

    RetiredEngineIds(OctetString localEngineId, int engineBoots) {
        super(localEngineId, engineBoots);
    }

    /** The agent no longer has this engine ID. */
    void retire(OctetString engineId) {
        retired.add(new OctetString(engineId));
    }

    @Override
    public synchronized int checkEngineID(OctetString engineId, boolean discoveryAllowed, int engineBoots,
            int engineTime) {
        if (retired.contains(engineId)) {
            return SnmpConstants.SNMPv3_USM_UNKNOWN_ENGINEID;
        }
        return super.checkEngineID(engineId, discoveryAllowed, engineBoots, engineTime);
    }
}
