package org.uplift.simulator.agent;

import java.io.IOException;

import org.snmp4j.TransportStateReference;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.asn1.BEROutputStream;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityParameters;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.SecurityStateReference;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmSecurityStateReference;
import org.snmp4j.security.UsmUserTable;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OctetString;

/**
 * USM as an authoritative agent's: a request to an engine ID the agent no longer has (see
 * {@link RetiredEngineIds}) is answered with a usmStatsUnknownEngineIDs report sent noAuthNoPriv
 * and naming no user, as the answer to an engine discovery is. SNMP4J would try the report at the
 * request's level, for which no key exists (the report is lost), and name the request's user,
 * which a manager keeping its users per engine ID cannot read for the new engine.
 */
final class AgentUsm extends USM {

    AgentUsm(SecurityProtocols protocols, OctetString engineId, RetiredEngineIds timeTable) {
        super(protocols, engineId, 1, new CounterSupport(), new UsmUserTable(), timeTable);
    }

    @Override
    public int processIncomingMsg(int messageProcessingModel, int maxMessageSize,
            SecurityParameters securityParameters, SecurityModel securityModel, int securityLevel,
            BERInputStream wholeMsg, TransportStateReference tmStateReference, OctetString securityEngineID,
            OctetString securityName, BEROutputStream scopedPDU, Integer32 maxSizeResponseScopedPDU,
            SecurityStateReference securityStateReference, StatusInformation statusInfo) throws IOException {
        int status = super.processIncomingMsg(messageProcessingModel, maxMessageSize, securityParameters,
                securityModel, securityLevel, wholeMsg, tmStateReference, securityEngineID, securityName, scopedPDU,
                maxSizeResponseScopedPDU, securityStateReference, statusInfo);
        if (status == SnmpConstants.SNMPv3_USM_UNKNOWN_ENGINEID) {
            securityName.setValue(new byte[0]);
            if (securityStateReference instanceof UsmSecurityStateReference reference) {
                reference.setSecurityName(new byte[0]);
            }
            if (statusInfo != null) {
                statusInfo.setSecurityLevel(new Integer32(SecurityLevel.NOAUTH_NOPRIV));
            }
        }
        return status;
    }
}
