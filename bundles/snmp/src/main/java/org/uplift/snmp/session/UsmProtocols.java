package org.uplift.snmp.session;

import java.util.Locale;

import org.snmp4j.security.AuthHMAC128SHA224;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.AuthHMAC256SHA384;
import org.snmp4j.security.AuthHMAC384SHA512;
import org.snmp4j.security.AuthMD5;
import org.snmp4j.security.AuthSHA;
import org.snmp4j.security.Priv3DES;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.PrivAES192;
import org.snmp4j.security.PrivAES256;
import org.snmp4j.security.PrivDES;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.smi.OID;
import org.uplift.api.device.SnmpCredentials;

/**
 * Maps the protocol names of {@link SnmpCredentials} to SNMP4J's USM protocols. A v3 device that
 * names no protocol but has a passphrase gets the documented default (SHA256, AES128): authPriv.
 */
public final class UsmProtocols {

    private UsmProtocols() {
    }

    /** The authentication protocol, or {@code null} for none (no passphrase). */
    public static OID auth(SnmpCredentials credentials) {
        if (empty(credentials.authPassphrase())) {
            return null;
        }
        String name = empty(credentials.authProtocol()) ? SnmpCredentials.DEFAULT_AUTH_PROTOCOL
                : credentials.authProtocol();
        return switch (normalise(name)) {
            case "MD5" -> AuthMD5.ID;
            case "SHA", "SHA1" -> AuthSHA.ID;
            case "SHA224" -> AuthHMAC128SHA224.ID;
            case "SHA256" -> AuthHMAC192SHA256.ID;
            case "SHA384" -> AuthHMAC256SHA384.ID;
            case "SHA512" -> AuthHMAC384SHA512.ID;
            default -> throw new IllegalArgumentException("unknown SNMPv3 authentication protocol '" + name
                    + "' (known: MD5, SHA, SHA224, SHA256, SHA384, SHA512)");
        };
    }

    /** The privacy protocol, or {@code null} for none (no passphrase). */
    public static OID priv(SnmpCredentials credentials) {
        if (empty(credentials.privPassphrase())) {
            return null;
        }
        String name = empty(credentials.privProtocol()) ? SnmpCredentials.DEFAULT_PRIV_PROTOCOL
                : credentials.privProtocol();
        return switch (normalise(name)) {
            case "DES" -> PrivDES.ID;
            case "3DES", "DES3" -> Priv3DES.ID;
            case "AES", "AES128" -> PrivAES128.ID;
            case "AES192" -> PrivAES192.ID;
            case "AES256" -> PrivAES256.ID;
            default -> throw new IllegalArgumentException("unknown SNMPv3 privacy protocol '" + name
                    + "' (known: DES, 3DES, AES128, AES192, AES256)");
        };
    }

    public static int securityLevel(SnmpCredentials credentials) {
        if (auth(credentials) == null) {
            return SecurityLevel.NOAUTH_NOPRIV;
        }
        return priv(credentials) == null ? SecurityLevel.AUTH_NOPRIV : SecurityLevel.AUTH_PRIV;
    }

    private static String normalise(String name) {
        return name.toUpperCase(Locale.ROOT).replace("-", "").replace("_", "").replace("HMAC", "");
    }

    private static boolean empty(String value) {
        return value == null || value.isEmpty();
    }
}
