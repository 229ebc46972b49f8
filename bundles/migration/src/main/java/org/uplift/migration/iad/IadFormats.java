package org.uplift.migration.iad;

import org.uplift.api.migration.MigrationException;
import org.uplift.migration.config.ConfigDocument;
import org.uplift.migration.config.ConfigSyntaxException;

/** The IAD-1000 family's configuration formats 1, 2 and 3, as its software versions use them. */
final class IadFormats {

    static final String MODEL = "IAD-1000";

    private static final int QUOTE_MAX = 40;

    private IadFormats() {
    }

    /** Parses a configuration that must be in {@code format}. */
    static ConfigDocument parse(byte[] configuration, String format) throws MigrationException {
        ConfigDocument doc;
        try {
            doc = ConfigDocument.parse(configuration);
        } catch (ConfigSyntaxException e) {
            throw new MigrationException("configuration does not parse: " + e.getMessage(), e);
        }
        String actual = doc.format().orElseThrow(() -> new MigrationException("configuration has no format= line"));
        if (!actual.equals(format)) {
            throw new MigrationException("configuration is in format " + actual + ", expected " + format);
        }
        return doc;
    }

    /** A value quoted for an error message, cut short: values can run to megabytes, messages stay one short line. */
    static String quote(String value) {
        return value.length() <= QUOTE_MAX ? "'" + value + "'"
                : "'" + value.substring(0, QUOTE_MAX) + "...' (" + value.length() + " characters)";
    }
}
