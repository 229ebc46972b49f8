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

    /**
     * This ENTRY line with another key and value; the blanks around the key, the {@code =} and the
     * value stay as they were, so a converted line differs only where it must.
     */
    public ConfigLine withEntry(String newKey, String newValue) {
        int eq = text.indexOf('=');
        String left = text.substring(0, eq);
        String right = text.substring(eq + 1);
        int keyStart = left.length() - left.stripLeading().length();
        int keyEnd = keyStart + left.strip().length();
        int valueStart = right.length() - right.stripLeading().length();
        int valueEnd = valueStart + right.strip().length();
        return new ConfigLine(Kind.ENTRY, left.substring(0, keyStart) + newKey + left.substring(keyEnd) + "="
                + right.substring(0, valueStart) + newValue + right.substring(valueEnd), eol);
    }

    /** This line with another terminator. */
    public ConfigLine withEol(String newEol) {
        return new ConfigLine(kind, text, newEol);
    }
}
