package org.uplift.migration.iad;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one IAD-1000 format knows: the values its port fields and protocol timers take, and the keys
 * of an earlier format that a migration to this one converts. Every other key is not Uplift's
 * business (configurations in the field carry keys Uplift has never heard of) and is accepted.
 */
record FormatRules(String format, Map<String, Pattern> portValues, boolean protocolPerSection, Pattern timerKey,
        long timerMin, long timerMax, List<Leftover> leftovers) {

    /**
     * A key of an earlier format that the migration to this one converts; found in this format, it
     * means the configuration was not (fully) migrated.
     */
    record Leftover(IadSection section, Pattern key, String format, String instead) {
    }

    /** Format 1's protocol entries: {@code protocol.<name>.<parameter>} in {@code [protocol]}. */
    static final Pattern PROTOCOL_ENTRY = Pattern.compile("protocol\\.([a-z0-9-]+)\\.(.+)");
    /** A port's fields: {@code port.<n>.<field>}. */
    static final Pattern PORT_FIELD = Pattern.compile("port\\.\\d+\\.([a-z-]+)");
    static final Pattern SECONDS_TIMER = Pattern.compile("[a-z-]+-(?:interval|timeout)");
    static final Pattern MILLISECONDS_TIMER = Pattern.compile("[a-z-]+-(?:interval|timeout)-ms");
    /** Format 1's user keys, renamed {@code subscriber.<n>.<field>} in format 2. */
    static final Pattern USER_KEY_V1 = Pattern.compile("user\\.(\\d+)\\.(name|phone)");
    /** Format 1's port enabled flag, an admin state from format 2 on. */
    static final Pattern PORT_ENABLED_V1 = Pattern.compile("port\\.(\\d+)\\.enabled");
    /** Port names up to format 2: {@code <type><number>}, such as {@code fxs1}. */
    static final Pattern PORT_NAME_V1 = Pattern.compile("[a-z]+\\d+");

    private static final Pattern UP_DOWN = Pattern.compile("up|down");

    private static final List<Leftover> FROM_FORMAT_1 = List.of(
            new Leftover(IadSection.USER, USER_KEY_V1, "1", "subscriber.<n>.name and subscriber.<n>.phone"),
            new Leftover(IadSection.PORT, PORT_ENABLED_V1, "1", "port.<n>.admin-state"),
            new Leftover(IadSection.PROTOCOLS, PROTOCOL_ENTRY, "1", "a [protocol <name>] section per protocol"));

    static final FormatRules V1 = new FormatRules("1",
            Map.of("name", PORT_NAME_V1, "enabled", Pattern.compile("true|false")),
            false, SECONDS_TIMER, 1, 86_400, List.of());

    static final FormatRules V2 = new FormatRules("2",
            Map.of("name", PORT_NAME_V1, "admin-state", UP_DOWN),
            true, SECONDS_TIMER, 1, 86_400, FROM_FORMAT_1);

    static final FormatRules V3 = new FormatRules("3",
            Map.of("name", Pattern.compile("[a-z]+-\\d+/\\d+"), "admin-state", UP_DOWN),
            true, MILLISECONDS_TIMER, 1_000, 86_400_000,
            concat(FROM_FORMAT_1, new Leftover(IadSection.PROTOCOL, SECONDS_TIMER, "2", "<timer>-ms in milliseconds")));

    private static List<Leftover> concat(List<Leftover> earlier, Leftover more) {
        return Stream.concat(earlier.stream(), Stream.of(more)).toList();
    }
}
