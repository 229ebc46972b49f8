package org.uplift.migration.iad;

import java.util.regex.Pattern;

/**
 * The sections the IAD-1000 formats know, by name; anything else is {@link #UNKNOWN} and is
 * carried through migrations and validations untouched.
 */
enum IadSection {
    /** Before the first section header: {@code format=}. */
    TOP("(top)"), USER("[user]"), PORT("[port]"),
    /** {@code [protocol]}: every protocol in one section, as format 1 has it. */
    PROTOCOLS("[protocol]"),
    /** {@code [protocol <name>]}: one protocol, as formats 2 and 3 have it. */
    PROTOCOL("[protocol <name>]"), DEFAULT("[default]"), UNKNOWN("(unknown)");

    private static final Pattern ONE_PROTOCOL = Pattern.compile("protocol [a-z0-9-]+");

    private final String header;

    IadSection(String header) {
        this.header = header;
    }

    /** How the section is written, for messages. */
    String header() {
        return header;
    }

    static IadSection of(String name) {
        return switch (name) {
            case "" -> TOP;
            case "user" -> USER;
            case "port" -> PORT;
            case "protocol" -> PROTOCOLS;
            case "default" -> DEFAULT;
            default -> ONE_PROTOCOL.matcher(name).matches() ? PROTOCOL : UNKNOWN;
        };
    }
}
