package org.uplift.migration.iad;

import java.util.List;
import java.util.regex.Matcher;

import org.osgi.service.component.annotations.Component;
import org.uplift.api.migration.ConfigMigrator;
import org.uplift.api.migration.MigrationException;
import org.uplift.migration.config.ConfigDocument;
import org.uplift.migration.config.ConfigLine;

/**
 * Software 2.x of the IAD-1000 reads format 2: users are subscribers, a port has an admin state
 * instead of an enabled flag, and each protocol has its own section. Only those keys change; every
 * other line (unknown keys and sections, comments, blank lines) is kept as it is, where it is.
 */
@Component(service = ConfigMigrator.class, property = {
        ConfigMigrator.MODEL_PROPERTY + "=" + IadFormats.MODEL,
        ConfigMigrator.FROM_PROPERTY + "=1",
        ConfigMigrator.TO_PROPERTY + "=2"
})
public class Format1To2 implements ConfigMigrator {

    @Override
    public byte[] migrate(byte[] configuration) throws MigrationException {
        ConfigDocument v1 = IadFormats.parse(configuration, "1");
        ProtocolSplit split = new ProtocolSplit();
        List<ConfigLine> v2 = LineMapper.lines(v1, (section, n, line, out) -> {
            if (section == IadSection.PROTOCOLS) {
                split.collect(line, out);
            } else {
                out.add(line.kind() == ConfigLine.Kind.ENTRY ? rename(section, n, line) : line);
            }
        });
        split.insertInto(v2);
        return LineMapper.document(v2, "2").toBytes();
    }

    private static ConfigLine rename(IadSection section, int n, ConfigLine line) throws MigrationException {
        String key = line.key();
        switch (section) {
            case TOP -> {
                if (key.equals(ConfigDocument.FORMAT_KEY)) {
                    return line.withEntry(key, "2");
                }
            }
            case USER -> {
                Matcher user = FormatRules.USER_KEY_V1.matcher(key);
                if (user.matches()) {
                    return line.withEntry("subscriber." + user.group(1) + "." + user.group(2), line.value());
                }
            }
            case PORT -> {
                Matcher enabled = FormatRules.PORT_ENABLED_V1.matcher(key);
                if (enabled.matches()) {
                    return line.withEntry("port." + enabled.group(1) + ".admin-state", adminState(n, line));
                }
            }
            default -> {
                // nothing else changes from format 1 to 2
            }
        }
        return line;
    }

    private static String adminState(int n, ConfigLine line) throws MigrationException {
        return switch (line.value()) {
            case "true" -> "up";
            case "false" -> "down";
            default -> throw new MigrationException("line " + n + ": " + line.key() + " must be true or false, got "
                    + IadFormats.quote(line.value()));
        };
    }
}
