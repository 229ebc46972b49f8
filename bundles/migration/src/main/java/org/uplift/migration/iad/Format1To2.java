package org.uplift.migration.iad;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;
import org.uplift.api.migration.ConfigMigrator;
import org.uplift.api.migration.MigrationException;
import org.uplift.migration.config.ConfigDocument;
import org.uplift.migration.config.ConfigLine;

/**
 * Software 2.x of the IAD-1000 reads format 2: users are subscribers, a port has an admin state
 * instead of an enabled flag, and each protocol has its own section.
 */
@Component(service = ConfigMigrator.class, property = {
    ConfigMigrator.MODEL_PROPERTY + "=" + IadFormats.MODEL,
    ConfigMigrator.FROM_PROPERTY + "=1",
    ConfigMigrator.TO_PROPERTY + "=2"
})
public class Format1To2 implements ConfigMigrator {

    private static final Pattern USER_KEY = Pattern.compile("user\\.(\\d+)\\.(.+)");
    private static final Pattern ENABLED_KEY = Pattern.compile("port\\.(\\d+)\\.enabled");
    private static final Pattern PROTOCOL_KEY = Pattern.compile("protocol\\.([a-z0-9-]+)\\.(.+)");

    @Override
    public byte[] migrate(byte[] configuration) throws MigrationException {
        ConfigDocument v1 = IadFormats.parse(configuration, "1");
        ProtocolSplit split = new ProtocolSplit();
        ConfigDocument renamed = LineMapper.map(v1, (section, n, line, out) -> {
            if (section.equals("protocol")) {
                split.collect(n, line);
                if (line.kind() == ConfigLine.Kind.SECTION) {
                    out.add(line); // placeholder, replaced by the per-protocol sections
                }
                return;
            }
            out.add(line.kind() == ConfigLine.Kind.ENTRY ? rename(section, n, line) : line);
        });
        return split.replacePlaceholder(renamed).toBytes();
    }

    private static ConfigLine rename(String section, int n, ConfigLine line) throws MigrationException {
        String key = line.key();
        if (section.isEmpty() && key.equals(ConfigDocument.FORMAT_KEY)) {
            return LineMapper.entry(line, key, "2");
        }
        Matcher user = USER_KEY.matcher(key);
        if (section.equals("user") && user.matches()) {
            return LineMapper.entry(line, "subscriber." + user.group(1) + "." + user.group(2), line.value());
        }
        Matcher enabled = ENABLED_KEY.matcher(key);
        if (section.equals("port") && enabled.matches()) {
            String state = switch (line.value()) {
                case "true" -> "up";
                case "false" -> "down";
                default -> throw new MigrationException("line " + n + ": " + key + " must be true or false, got '"
                        + line.value() + "'");
            };
            return LineMapper.entry(line, "port." + enabled.group(1) + ".admin-state", state);
        }
        return line;
    }

    /**
     * Regroups {@code protocol.<name>.<parameter>} entries into one section per protocol. Comments
     * and blank lines before the first entry stay ahead of the first protocol section; later ones
     * stay with the protocol whose entry they follow.
     */
    private static final class ProtocolSplit {
        private final List<ConfigLine> leading = new ArrayList<>();
        private final Map<String, List<ConfigLine>> protocols = new LinkedHashMap<>();
        private String eol = "\n";
        private String last;

        void collect(int n, ConfigLine line) throws MigrationException {
            if (line.kind() == ConfigLine.Kind.SECTION) {
                eol = line.eol();
            } else if (line.kind() == ConfigLine.Kind.ENTRY) {
                Matcher m = PROTOCOL_KEY.matcher(line.key());
                if (!m.matches()) {
                    throw new MigrationException("line " + n + ": key '" + line.key()
                            + "' in [protocol] is not protocol.<name>.<parameter>");
                }
                last = m.group(1);
                protocols.computeIfAbsent(last, k -> new ArrayList<>()).add(LineMapper.entry(line, m.group(2), line.value()));
            } else if (last == null) {
                leading.add(line);
            } else {
                protocols.get(last).add(line);
            }
        }

        ConfigDocument replacePlaceholder(ConfigDocument doc) {
            List<ConfigLine> out = new ArrayList<>();
            for (ConfigLine line : doc.lines()) {
                if (line.kind() == ConfigLine.Kind.SECTION && line.sectionName().equals("protocol")) {
                    out.addAll(leading);
                    protocols.forEach((name, lines) -> {
                        out.add(new ConfigLine(ConfigLine.Kind.SECTION, "[protocol " + name + "]", eol));
                        out.addAll(lines);
                    });
                } else {
                    out.add(line);
                }
            }
            return ConfigDocument.of(out);
        }
    }
}
