package org.uplift.rest.security;

import java.util.Locale;

/**
 * What a REST caller may do. Each role includes the ones before it: an operator also reads, an admin also operates.
 */
public enum Role {
    /** Reads jobs, campaigns, devices, the catalogue and backups' records (not their contents). */
    VIEWER,
    /** Also starts jobs and campaigns, decides (retry, abort), pauses, resumes and cancels, reads backup contents. */
    OPERATOR,
    /** Also changes the firmware catalogue. */
    ADMIN;

    /** Whether a caller holding this role may do what {@code needed} allows. */
    public boolean includes(Role needed) {
        return ordinal() >= needed.ordinal();
    }

    /** The name used in messages and {@code SecurityContext.isUserInRole}: {@code viewer}, {@code operator}, {@code admin}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
