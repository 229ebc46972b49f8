package org.uplift.migration.config;

/**
 * One line of a configuration as it was written, so that writing it back gives the same bytes.
 *
 * @param kind  what the line is
 * @param text  the line without its terminator
 * @param eol   its terminator: {@code "\n"}, {@code "\r\n"} or {@code ""} for a last line without one
 */
public record ConfigLine(Kind kind, String text, String eol) {

    /** The kinds of line the format has. */
    public enum Kind {
        BLANK, COMMENT, SECTION, ENTRY
    }

    /** For a SECTION line: the name between the brackets. */
    public String sectionName() {
        return text.strip().substring(1, text.strip().length() - 1).strip();
    }

    /** For an ENTRY line: the key, without surrounding blanks. */
    public String key() {
        return text.substring(0, text.indexOf('=')).strip();
    }

    /** For an ENTRY line: the value, without surrounding blanks. */
    public String value() {
        return text.substring(text.indexOf('=') + 1).strip();
    }

    static ConfigLine entry(String key, String value, String eol) {
        return new ConfigLine(Kind.ENTRY, key + "=" + value, eol);
    }

    static ConfigLine section(String name, String eol) {
        return new ConfigLine(Kind.SECTION, "[" + name + "]", eol);
    }
}
