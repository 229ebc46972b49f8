package org.uplift.api.dto;

import org.uplift.api.device.SnmpCredentials;

/**
 * How Uplift talks to a device over SNMP, without the secrets: a v1/v2c device shows only its version (the community
 * is the secret), a v3 device its user and protocols (the passphrases are the secrets).
 *
 * @since 0.4
 */
public sealed interface SnmpDto {

    /** {@code v1}, {@code v2c} or {@code v3}. */
    String version();

    static SnmpDto of(SnmpCredentials c) {
        return switch (c.version()) {
            case V1 -> new Community("v1");
            case V2C -> new Community("v2c");
            case V3 -> new User("v3", c.securityName(), c.authProtocol(), c.privProtocol());
        };
    }

    /**
     * SNMPv1 or v2c.
     *
     * @param version {@code v1} or {@code v2c}
     */
    record Community(String version) implements SnmpDto {
    }

    /**
     * SNMPv3.
     *
     * @param version      {@code v3}
     * @param user         the security name
     * @param authProtocol the authentication protocol, or {@code null} for none
     * @param privProtocol the privacy protocol, or {@code null} for none
     */
    record User(String version, String user, String authProtocol, String privProtocol) implements SnmpDto {
    }
}
