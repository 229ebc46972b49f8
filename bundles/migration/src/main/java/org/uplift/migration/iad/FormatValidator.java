package org.uplift.migration.iad;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.uplift.api.migration.ConfigValidator;
import org.uplift.api.migration.MigrationException;
import org.uplift.migration.config.ConfigDocument;
import org.uplift.migration.config.ConfigLine;

/**
 * Validates an IAD-1000 configuration against the rules of one format: the required sections are
 * there, the keys the format knows have valid values, and no key is left over from an earlier
 * format. Keys and sections it does not know are accepted. Errors name the line and the key.
 */
abstract class FormatValidator implements ConfigValidator {

    private final FormatRules rules;

    FormatValidator(FormatRules rules) {
        this.rules = rules;
    }

    @Override
    public void validate(byte[] configuration) throws MigrationException {
        ConfigDocument doc = IadFormats.parse(configuration, rules.format());
        Set<IadSection> seen = EnumSet.noneOf(IadSection.class);
        IadSection section = IadSection.TOP;
        int n = 0;
        for (ConfigLine line : doc.lines()) {
            n++;
            if (line.kind() == ConfigLine.Kind.SECTION) {
                section = IadSection.of(line.sectionName());
                seen.add(section);
            } else if (line.kind() == ConfigLine.Kind.ENTRY) {
                checkEntry(n, section, line);
            }
        }
        for (IadSection required : List.of(IadSection.USER, IadSection.PORT,
                rules.protocolPerSection() ? IadSection.PROTOCOL : IadSection.PROTOCOLS, IadSection.DEFAULT)) {
            if (!seen.contains(required)) {
                throw invalid(0, "section " + required.header() + " is missing");
            }
        }
    }

    private void checkEntry(int n, IadSection section, ConfigLine line) throws MigrationException {
        String key = line.key();
        for (FormatRules.Leftover leftover : rules.leftovers()) {
            if (leftover.section() == section && leftover.key().matcher(key).matches()) {
                throw invalid(n, key + " is a format " + leftover.format() + " key; format " + rules.format()
                        + " has " + leftover.instead() + " instead");
            }
        }
        switch (section) {
            case PORT -> checkPort(n, key, line.value());
            case PROTOCOLS -> {
                Matcher entry = FormatRules.PROTOCOL_ENTRY.matcher(key);
                if (!rules.protocolPerSection() && entry.matches()) {
                    checkTimer(n, key, entry.group(2), line.value());
                }
            }
            case PROTOCOL -> {
                if (rules.protocolPerSection()) {
                    checkTimer(n, key, key, line.value());
                }
            }
            default -> {
                // [user] and [default] keys have no syntax of their own; unknown sections are not ours to judge
            }
        }
    }

    private void checkPort(int n, String key, String value) throws MigrationException {
        Matcher field = FormatRules.PORT_FIELD.matcher(key);
        Pattern values = field.matches() ? rules.portValues().get(field.group(1)) : null;
        if (values != null && !values.matcher(value).matches()) {
            throw invalid(n, key + " has the invalid value " + IadFormats.quote(value) + " (expected " + values + ")");
        }
    }

    /** {@code parameter} is the key without format 1's {@code protocol.<name>.} prefix. */
    private void checkTimer(int n, String key, String parameter, String value) throws MigrationException {
        if (!rules.timerKey().matcher(parameter).matches()) {
            return;
        }
        long number;
        try {
            number = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw invalid(n, key + " must be a whole number, got " + IadFormats.quote(value));
        }
        if (number < rules.timerMin() || number > rules.timerMax()) {
            throw invalid(n, key + "=" + number + " is outside " + rules.timerMin() + ".." + rules.timerMax());
        }
    }

    private MigrationException invalid(int line, String problem) {
        return new MigrationException("not a valid format " + rules.format() + " configuration: "
                + (line > 0 ? "line " + line + ": " : "") + problem);
    }
}
