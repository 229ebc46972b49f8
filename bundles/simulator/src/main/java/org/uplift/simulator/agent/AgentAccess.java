package org.uplift.simulator.agent;

import org.snmp4j.agent.mo.snmp.CoexistenceInfo;
import org.snmp4j.agent.mo.snmp.CoexistenceInfoProvider;
import org.snmp4j.agent.security.VACM;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;

/**
 * Access without SNMP-COMMUNITY-MIB and VACM tables: v1 and v2c {@code public} reads, {@code private}
 * reads and writes, any other community is dropped silently (as real agents do); the device's
 * SNMPv3 user reads and writes when authenticated (USM has already checked its keys).
 */
final class AgentAccess implements CoexistenceInfoProvider, VACM {

    static final OctetString READ_COMMUNITY = new OctetString("public");
    static final OctetString WRITE_COMMUNITY = new OctetString("private");
    private static final OctetString FULL_VIEW = new OctetString("full");

    private static final int USM = 3;

    private volatile OctetString engineId;
    private final OctetString v3User;

    AgentAccess(OctetString engineId, OctetString v3User) {
        this.engineId = engineId;
        this.v3User = v3User;
    }

    /** The engine took a new ID: community requests map to its context from now on. */
    void engineId(OctetString newEngineId) {
        engineId = newEngineId;
    }

    @Override
    public CoexistenceInfo[] getCoexistenceInfo(OctetString community) {
        if (READ_COMMUNITY.equals(community) || WRITE_COMMUNITY.equals(community)) {
            return new CoexistenceInfo[]{new CoexistenceInfo(community, engineId, new OctetString())};
        }
        return null;
    }

    @Override
    public OctetString getCommunity(OctetString securityName, OctetString contextEngineID, OctetString contextName) {
        return securityName;
    }

    @Override
    public boolean passesFilter(Address address, CoexistenceInfo coexistenceInfo) {
        return true;
    }

    @Override
    public int isAccessAllowed(OctetString context, OctetString securityName, int securityModel, int securityLevel,
            int viewType, OID oid) {
        return getViewName(context, securityName, securityModel, securityLevel, viewType) == null
                ? VACM_NO_ACCESS_ENTRY
                : VACM_OK;
    }

    @Override
    public int isAccessAllowed(OctetString viewName, OID oid) {
        return FULL_VIEW.equals(viewName) ? VACM_OK : VACM_NOT_IN_VIEW;
    }

    @Override
    public OctetString getViewName(OctetString context, OctetString securityName, int securityModel,
            int securityLevel, int viewType) {
        if (securityModel == USM) {
            return v3User.equals(securityName) && securityLevel >= SecurityLevel.AUTH_NOPRIV ? FULL_VIEW : null;
        }
        if (WRITE_COMMUNITY.equals(securityName)) {
            return FULL_VIEW;
        }
        if (READ_COMMUNITY.equals(securityName) && viewType != VIEW_WRITE) {
            return FULL_VIEW;
        }
        return null;
    }
}
