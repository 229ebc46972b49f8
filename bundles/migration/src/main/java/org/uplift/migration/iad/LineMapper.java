package org.uplift.migration.iad;

import java.util.ArrayList;
import java.util.List;

import org.uplift.api.migration.MigrationException;
import org.uplift.migration.config.ConfigDocument;
import org.uplift.migration.config.ConfigLine;
import org.uplift.migration.config.ConfigSyntaxException;

/**
 * Walks a configuration line by line, knowing each line's section and number, so a migrator only
 * says what becomes of one line; lines it does not touch are kept byte for byte.
 */
final class LineMapper {

    /** What a migrator does with one line: append its replacement lines to {@code out}. */
    @FunctionalInterface
    interface Rule {
        void apply(IadSection section, int lineNumber, ConfigLine line, List<ConfigLine> out) throws MigrationException;
    }

    private LineMapper() {
    }

    static List<ConfigLine> lines(ConfigDocument doc, Rule rule) throws MigrationException {
        List<ConfigLine> out = new ArrayList<>(doc.lines().size() + 16);
        IadSection section = IadSection.TOP;
        int number = 0;
        for (ConfigLine line : doc.lines()) {
            number++;
            if (line.kind() == ConfigLine.Kind.SECTION) {
                section = IadSection.of(line.sectionName());
            }
            rule.apply(section, number, line, out);
        }
        return out;
    }

    /**
     * The migrated lines as a document in {@code format}. A conversion can collide with a key that
     * was already there (say {@code port.1.admin-state} beside {@code port.1.enabled}); that is
     * refused rather than written out as a configuration the device would read one way or the other.
     */
    static ConfigDocument document(List<ConfigLine> lines, String format) throws MigrationException {
        try {
            return ConfigDocument.of(lines);
        } catch (ConfigSyntaxException e) {
            throw new MigrationException("the configuration in format " + format + " would be ambiguous: "
                    + e.getMessage() + " (line numbers of the result)", e);
        }
    }
}
