package org.uplift.migration.iad;

import java.util.ArrayList;
import java.util.List;

import org.uplift.api.migration.MigrationException;
import org.uplift.migration.config.ConfigDocument;
import org.uplift.migration.config.ConfigLine;

/**
 * Walks a configuration line by line, knowing each line's section and number, so a migrator only
 * says what becomes of one line; lines it does not touch are kept byte for byte.
 */
final class LineMapper {

    /** What a migrator does with one line: append its replacement lines to {@code out}. */
    @FunctionalInterface
    interface Rule {
        void apply(String section, int lineNumber, ConfigLine line, List<ConfigLine> out) throws MigrationException;
    }

    private LineMapper() {
    }

    static ConfigDocument map(ConfigDocument doc, Rule rule) throws MigrationException {
        List<ConfigLine> out = new ArrayList<>();
        String section = "";
        int number = 0;
        for (ConfigLine line : doc.lines()) {
            number++;
            if (line.kind() == ConfigLine.Kind.SECTION) {
                section = line.sectionName();
            }
            rule.apply(section, number, line, out);
        }
        return ConfigDocument.of(out);
    }

    /** The line itself, or a new entry line with the same terminator. */
    static ConfigLine entry(ConfigLine like, String key, String value) {
        return new ConfigLine(ConfigLine.Kind.ENTRY, key + "=" + value, like.eol());
    }
}
