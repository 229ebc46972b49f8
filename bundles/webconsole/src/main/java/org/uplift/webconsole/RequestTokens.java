package org.uplift.webconsole;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Guards decisions against cross-site requests: the page carries a token that a decision must send back in the
 * {@value #HEADER} header. Another site can neither read the page (same-origin policy) nor set that header on a
 * request to this origin without a CORS preflight the console never grants. The token is an HMAC of the console
 * user under a key made when the component starts, so it needs no session and dies with the component.
 */
final class RequestTokens {

    static final String HEADER = "X-Uplift-Token";
    private static final String MAC = "HmacSHA256";

    private final SecretKeySpec key;

    RequestTokens() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        key = new SecretKeySpec(secret, MAC);
    }

    /** The token for the console user {@code user} ({@code null} when the console does not say). */
    String tokenFor(String user) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            byte[] digest = mac
                    .doFinal(("uplift-console\n" + (user == null ? "" : user)).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }

    /** Whether {@code token} was made by this instance for {@code user}; compared in constant time. */
    boolean valid(String token, String user) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(tokenFor(user).getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.UTF_8));
    }
}
