package org.uplift.migration.iad;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;
import org.uplift.api.migration.ConfigMigrator;
import org.uplift.api.migration.MigrationException;
import org.uplift.migration.config.ConfigDocument;
import org.uplift.migration.config.ConfigLine;

/**
 * Software 3.x of the IAD-1000 reads format 3: protocol timers are in milliseconds and ports are
 * named slot/port ({@code fxs-0/1} instead of {@code fxs1}).
 */
@Component(service = ConfigMigrator.class, property = {
    ConfigMigrator.MODEL_PROPERTY + "=" + IadFormats.MODEL,
    ConfigMigrator.FROM_PROPERTY + "=2",
    ConfigMigrator.TO_PROPERTY + "=3"
})
public class Format2To3 implements ConfigMigrator {

    private static final Pattern TIMER_KEY = Pattern.compile("(.+-(?:interval|timeout))");
    private static final Pattern PORT_NAME_KEY = Pattern.compile("port\\.\\d+\\.name");
    private static final Pattern OLD_PORT_NAME = Pattern.compile("([a-z]+)(\\d+)");

    @Override
    public byte[] migrate(byte[] configuration) throws MigrationException {
        ConfigDocument v2 = IadFormats.parse(configuration, "2");
        return LineMapper.map(v2, (section, n, line, out) ->
                out.add(line.kind() == ConfigLine.Kind.ENTRY ? convert(section, n, line) : line)).toBytes();
    }

    private static ConfigLine convert(String section, int n, ConfigLine line) throws MigrationException {
        String key = line.key();
        if (section.isEmpty() && key.equals(ConfigDocument.FORMAT_KEY)) {
            return LineMapper.entry(line, key, "3");
        }
        if (section.startsWith("protocol ") && TIMER_KEY.matcher(key).matches()) {
            return LineMapper.entry(line, key + "-ms", Long.toString(seconds(n, line) * 1000));
        }
        if (section.equals("port") && PORT_NAME_KEY.matcher(key).matches()) {
            Matcher old = OLD_PORT_NAME.matcher(line.value());
            if (!old.matches()) {
                throw new MigrationException("line " + n + ": port name '" + line.value() + "' is not <type><number>");
            }
            return LineMapper.entry(line, key, old.group(1) + "-0/" + old.group(2));
        }
        return line;
    }

    private static long seconds(int n, ConfigLine line) throws MigrationException {
        try {
            return Long.parseLong(line.value());
        } catch (NumberFormatException e) {
            throw new MigrationException("line " + n + ": " + line.key() + " must be whole seconds, got '" + line.value() + "'");
        }
    }
}
