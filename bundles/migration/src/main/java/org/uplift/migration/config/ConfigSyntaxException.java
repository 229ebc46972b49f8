package org.uplift.migration.config;

/** A configuration that does not parse; the message starts with the line number. */
public final class ConfigSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;

    ConfigSyntaxException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
