package org.uplift.repository.tftp;

import java.security.SecureRandom;

/**
 * Random file names for tickets: 100 bits from a secure generator, lower-case base32 because some
 * devices fold the case of file names.
 */
final class TicketNames {

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int LENGTH = 20;

    private final SecureRandom random = new SecureRandom();

    String next(String extension) {
        StringBuilder name = new StringBuilder("up-");
        for (int i = 0; i < LENGTH; i++) {
            name.append(BASE32[random.nextInt(BASE32.length)]);
        }
        return name.append(extension).toString();
    }

    String nextId() {
        return next("").substring(3);
    }
}
