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
 * named slot/port ({@code fxs-0/1} instead of {@code fxs1}). Every other line is kept as it is.
 */
@Component(service = ConfigMigrator.class, property = {
        ConfigMigrator.MODEL_PROPERTY + "=" + IadFormats.MODEL,
        ConfigMigrator.FROM_PROPERTY + "=2",
        ConfigMigrator.TO_PROPERTY + "=3"
})
public class Format2To3 implements ConfigMigrator {

    /** {@link FormatRules#PORT_NAME_V1} with its parts: type and number. */
    private static final Pattern OLD_PORT_NAME = Pattern.compile("([a-z]+)(\\d+)");

    @Override
    public byte[] migrate(byte[] configuration) throws MigrationException {
        ConfigDocument v2 = IadFormats.parse(configuration, "2");
        return LineMapper
                .document(
                        LineMapper.lines(v2,
                                (section, n, line, out) -> out
                                        .add(line.kind() == ConfigLine.Kind.ENTRY ? convert(section, n, line) : line)),
                        "3")
                .toBytes();
    }

    private static ConfigLine convert(IadSection section, int n, ConfigLine line) throws MigrationException {
        String key = line.key();
        switch (section) {
            case TOP -> {
                if (key.equals(ConfigDocument.FORMAT_KEY)) {
                    return line.withEntry(key, "3");
                }
            }
            case PROTOCOL -> {
                if (FormatRules.SECONDS_TIMER.matcher(key).matches()) {
                    return line.withEntry(key + "-ms", Long.toString(milliseconds(n, line)));
                }
            }
            case PORT -> {
                Matcher field = FormatRules.PORT_FIELD.matcher(key);
                if (field.matches() && field.group(1).equals("name")) {
                    Matcher old = OLD_PORT_NAME.matcher(line.value());
                    if (!old.matches()) {
                        throw new MigrationException("line " + n + ": port name " + IadFormats.quote(line.value())
                                + " of " + key + " is not <type><number>");
                    }
                    return line.withEntry(key, old.group(1) + "-0/" + old.group(2));
                }
            }
            default -> {
                // nothing else changes from format 2 to 3
            }
        }
        return line;
    }

    /** The timer's seconds in milliseconds; a value too big for a long is refused rather than wrapped. */
    private static long milliseconds(int n, ConfigLine line) throws MigrationException {
        try {
            return Math.multiplyExact(Long.parseLong(line.value()), 1000L);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new MigrationException("line " + n + ": " + line.key() + " must be whole seconds, got "
                    + IadFormats.quote(line.value()));
        }
    }
}
