package org.uplift.api.driver;

/**
 * What a device says about itself.
 *
 * @param sysObjectId     SNMPv2-MIB sysObjectID, dotted
 * @param sysUpTime       SNMPv2-MIB sysUpTime in hundredths of a second (restarts at a reboot)
 * @param model           the device's model
 * @param runningVersion  software version it runs
 * @param keptVersion     the old software version it keeps for roll-back, or empty
 * @param formatVersion   configuration format version the running software uses
 * @param configDigest    SHA-256 of the running configuration, lower-case hex, or empty if unknown
 * @param engineBoots     SNMP-FRAMEWORK-MIB snmpEngineBoots (rises at every restart), or -1 if unknown (since 0.3)
 * @since 0.1
 */
public record DeviceFacts(String sysObjectId, long sysUpTime, String model, String runningVersion,
        String keptVersion, String formatVersion, String configDigest, long engineBoots) {

    /** Facts without a reboot counter. */
    public DeviceFacts(String sysObjectId, long sysUpTime, String model, String runningVersion,
            String keptVersion, String formatVersion, String configDigest) {
        this(sysObjectId, sysUpTime, model, runningVersion, keptVersion, formatVersion, configDigest, -1);
    }

    /** The same facts with the reboot counter read. */
    public DeviceFacts withEngineBoots(long boots) {
        return new DeviceFacts(sysObjectId, sysUpTime, model, runningVersion, keptVersion, formatVersion, configDigest,
                boots);
    }
}
