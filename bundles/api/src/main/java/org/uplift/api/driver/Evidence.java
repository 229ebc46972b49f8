package org.uplift.api.driver;

/**
 * What a driver can read back from a device's own MIBs, and so what the workflow can verify a step
 * by. A driver declares only what the device's real MIB modules define.
 *
 * @since 0.3
 */
public enum Evidence {
    /** The running software version (e.g. docsDevSwCurrentVers, ciscoImageString, entPhysicalSoftwareRev). */
    RUNNING_VERSION,
    /** The software version the device keeps for roll-back, readable after the update. */
    KEPT_VERSION,
    /** A digest of the running configuration. */
    CONFIG_DIGEST,
    /** The device's model. */
    MODEL,
    /** The format version of the running configuration. */
    CONFIG_FORMAT,
    /** A counter that rises at every restart (snmpEngineBoots), beside sysUpTime. */
    REBOOT_COUNTER
}
