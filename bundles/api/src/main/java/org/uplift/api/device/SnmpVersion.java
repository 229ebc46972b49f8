package org.uplift.api.device;

/**
 * SNMP protocol version used to reach a device.
 *
 * @since 0.1
 */
public enum SnmpVersion {
    /**
     * Community-based SNMPv1, for older devices that speak nothing newer: no GETBULK, and a missing
     * object fails the whole request (noSuchName). Allowed per device, not preferred.
     *
     * @since 0.3
     */
    V1,
    /** Community-based SNMPv2c. Allowed per device, not preferred. */
    V2C,
    /** User-based SNMPv3 (USM); authPriv is the documented default. */
    V3
}
