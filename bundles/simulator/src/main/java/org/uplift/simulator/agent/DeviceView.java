package org.uplift.simulator.agent;

import org.snmp4j.smi.OctetString;

/** What the agent serves about its device; read at every request. */
public interface DeviceView {

    String sysDescr();

    String sysName();

    /** Hundredths of a second since the device (re)started. */
    long upTimeHundredths();

    String model();

    String runningVersion();

    String keptVersion();

    String configFormat();

    byte[] configDigest();

    static OctetString text(String value) {
        return new OctetString(value == null ? "" : value);
    }
}
