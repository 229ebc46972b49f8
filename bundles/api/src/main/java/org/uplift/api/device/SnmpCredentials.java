package org.uplift.api.device;

import java.util.Objects;

/**
 * How Uplift authenticates to a device's SNMP agent. {@link #toString()} never shows a secret.
 *
 * @param version       the SNMP version
 * @param community     v1 or v2c community with write access (a secret); {@code null} for v3
 * @param securityName  v3 user name; {@code null} for v1 and v2c
 * @param authProtocol  v3 authentication protocol name (e.g. {@code SHA256}); {@code null} for none
 * @param authPassphrase v3 authentication passphrase (a secret)
 * @param privProtocol  v3 privacy protocol name (e.g. {@code AES128}); {@code null} for none
 * @param privPassphrase v3 privacy passphrase (a secret)
 * @since 0.1
 */
public record SnmpCredentials(SnmpVersion version, String community, String securityName,
        String authProtocol, String authPassphrase, String privProtocol, String privPassphrase) {

    public SnmpCredentials {
        Objects.requireNonNull(version, "version");
        if (version != SnmpVersion.V3 && (community == null || community.isEmpty())) {
            throw new IllegalArgumentException(
                    "SNMP" + (version == SnmpVersion.V1 ? "v1" : "v2c") + " needs a community");
        }
        if (version == SnmpVersion.V3 && (securityName == null || securityName.isEmpty())) {
            throw new IllegalArgumentException("SNMPv3 needs a security name");
        }
    }

    /** SNMPv2c with the given (write) community. */
    public static SnmpCredentials v2c(String community) {
        return new SnmpCredentials(SnmpVersion.V2C, community, null, null, null, null, null);
    }

    /**
     * SNMPv1 with the given (write) community, for devices that speak nothing newer.
     *
     * @since 0.3
     */
    public static SnmpCredentials v1(String community) {
        return new SnmpCredentials(SnmpVersion.V1, community, null, null, null, null, null);
    }

    /**
     * SNMPv3 authPriv with the documented defaults: HMAC-SHA-256 authentication ({@code SHA256})
     * and AES-128 privacy ({@code AES128}).
     *
     * @since 0.2
     */
    public static SnmpCredentials v3(String securityName, String authPassphrase, String privPassphrase) {
        return new SnmpCredentials(SnmpVersion.V3, null, securityName, DEFAULT_AUTH_PROTOCOL, authPassphrase,
                DEFAULT_PRIV_PROTOCOL, privPassphrase);
    }

    /** The authentication protocol v3 credentials use when they name none: {@value}. @since 0.2 */
    public static final String DEFAULT_AUTH_PROTOCOL = "SHA256";

    /** The privacy protocol v3 credentials use when they name none: {@value}. @since 0.2 */
    public static final String DEFAULT_PRIV_PROTOCOL = "AES128";

    @Override
    public String toString() {
        return switch (version) {
            case V1 -> "v1 community=****";
            case V2C -> "v2c community=****";
            case V3 -> "v3 user=" + securityName + " auth=" + authProtocol + " priv=" + privProtocol;
        };
    }
}
