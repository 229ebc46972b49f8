package org.uplift.simulator;

/**
 * The SNMPv3 user a simulated device accepts (USM, HMAC-SHA-256 authentication, AES-128 privacy)
 * and uses for its informs. {@link #toString()} hides the passphrases.
 *
 * @param name           USM user name
 * @param authPassphrase authentication passphrase (at least 8 characters)
 * @param privPassphrase privacy passphrase (at least 8 characters)
 */
public record V3User(String name, String authPassphrase, String privPassphrase) {

    /** The simulator's documented test user; not a secret, the simulator is for tests and demos. */
    public static final V3User DEFAULT = new V3User("uplift", "uplift-auth-pass", "uplift-priv-pass");

    public V3User {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("SNMPv3 user name must not be empty");
        }
        if (authPassphrase == null || authPassphrase.length() < 8 || privPassphrase == null
                || privPassphrase.length() < 8) {
            throw new IllegalArgumentException("SNMPv3 passphrases must have at least 8 characters (RFC 3414)");
        }
    }

    @Override
    public String toString() {
        return "v3 user " + name + " (SHA-256/AES-128, passphrases ****)";
    }
}
