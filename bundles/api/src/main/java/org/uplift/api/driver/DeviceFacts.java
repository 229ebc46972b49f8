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
 * @since 0.1
 */
public record DeviceFacts(String sysObjectId, long sysUpTime, String model, String runningVersion,
        String keptVersion, String formatVersion, String configDigest) {
}
