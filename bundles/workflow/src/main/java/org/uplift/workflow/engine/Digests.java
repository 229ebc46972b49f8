package org.uplift.workflow.engine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 as lower-case hex, the form device digests and catalogue checksums use. */
final class Digests {

    private Digests() {
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String shortHex(String hex) {
        return hex == null || hex.length() < 12 ? String.valueOf(hex) : hex.substring(0, 12) + "…";
    }
}
