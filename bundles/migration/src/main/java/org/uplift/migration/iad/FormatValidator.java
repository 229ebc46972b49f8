package org.uplift.migration.iad;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.uplift.api.migration.ConfigValidator;
import org.uplift.api.migration.MigrationException;
import org.uplift.migration.config.ConfigDocument;
import org.uplift.migration.config.ConfigLine;

/** Validates an IAD-1000 configuration against the rules of one format; errors name the line. */
abstract class FormatValidator implements ConfigValidator {

    private static final List<String> REQUIRED_SECTIONS = List.of("user", "port", "default");

    private final FormatRules rules;

    FormatValidator(FormatRules rules) {
        this.rules = rules;
    }

    @Override
    public void validate(byte[] configuration) throws MigrationException {
        ConfigDocument doc = IadFormats.parse(configuration, rules.format());
        Set<String> sections = new HashSet<>();
        String section = "";
        int n = 0;
        for (ConfigLine line : doc.lines()) {
            n++;
            if (line.kind() == ConfigLine.Kind.SECTION) {
                section = line.sectionName();
                checkSection(n, section);
                sections.add(section.startsWith("protocol ") ? "protocol" : section);
            } else if (line.kind() == ConfigLine.Kind.ENTRY) {
                checkEntry(n, section, line);
            }
        }
        for (String required : REQUIRED_SECTIONS) {
            if (!sections.contains(required)) {
                throw invalid(0, "section [" + required + "] is missing");
            }
        }
        if (!sections.contains("protocol")) {
            throw invalid(0, rules.protocolPerSection() ? "no [protocol <name>] section" : "section [protocol] is missing");
        }
    }

    private void checkSection(int n, String section) throws MigrationException {
        boolean perProtocol = section.matches("protocol [a-z0-9-]+");
        if (section.equals("protocol") && rules.protocolPerSection()) {
            throw invalid(n, "[protocol] must be split into one [protocol <name>] section per protocol");
        }
        if (perProtocol && !rules.protocolPerSection()) {
            throw invalid(n, "[" + section + "] belongs to a later format; format " + rules.format() + " has one [protocol]");
        }
    }

    private void checkEntry(int n, String section, ConfigLine line) throws MigrationException {
        String key = line.key();
        switch (section) {
            case "" -> {
                if (!key.equals(ConfigDocument.FORMAT_KEY)) {
                    throw invalid(n, "'" + key + "' must be inside a section");
                }
            }
            case "user" -> requireKey(n, key, rules.userKey(), "[user]");
            case "port" -> {
                requireKey(n, key, rules.portKey(), "[port]");
                String field = key.substring(key.lastIndexOf('.') + 1);
                Pattern values = rules.portValues().get(field);
                if (values != null && !values.matcher(line.value()).matches()) {
                    throw invalid(n, key + " has the invalid value '" + line.value() + "' (expected " + values + ")");
                }
            }
            default -> checkTimer(n, line);
        }
    }

    private void checkTimer(int n, ConfigLine line) throws MigrationException {
        String key = line.key();
        if (rules.foreignTimer(key)) {
            throw invalid(n, key + " is a timer in the unit of another format");
        }
        if (!rules.timerKey().matcher(key).matches()) {
            return;
        }
        long value;
        try {
            value = Long.parseLong(line.value());
        } catch (NumberFormatException e) {
            throw invalid(n, key + " must be a whole number, got '" + line.value() + "'");
        }
        if (value < rules.timerMin() || value > rules.timerMax()) {
            throw invalid(n, key + "=" + value + " is outside " + rules.timerMin() + ".." + rules.timerMax());
        }
    }

    private void requireKey(int n, String key, Pattern allowed, String section) throws MigrationException {
        if (!allowed.matcher(key).matches()) {
            throw invalid(n, "key '" + key + "' is not allowed in " + section + " of format " + rules.format());
        }
    }

    private MigrationException invalid(int line, String problem) {
        return new MigrationException("not a valid format " + rules.format() + " configuration: "
                + (line > 0 ? "line " + line + ": " : "") + problem);
    }
}
