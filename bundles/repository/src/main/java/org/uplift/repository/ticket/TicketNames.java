package org.uplift.repository.ticket;

import java.security.SecureRandom;

/**
 * Random file names for tickets: 100 bits from a secure generator, lower-case base32 because some
 * devices fold the case of file names.
 */
public final class TicketNames {

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int LENGTH = 20;

    private final SecureRandom random = new SecureRandom();

    public String next(String extension) {
        StringBuilder name = new StringBuilder("up-");
        for (int i = 0; i < LENGTH; i++) {
            name.append(BASE32[random.nextInt(BASE32.length)]);
        }
        return name.append(extension).toString();
    }

    /** Names are random tokens; anything that looks like a path is an attempt to escape. */
    public static boolean unsafe(String name) {
        return name == null || name.isEmpty() || name.contains("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0 || name.matches("^[A-Za-z]:.*");
    }

    public String nextId() {
        return next("").substring(3);
    }
}
