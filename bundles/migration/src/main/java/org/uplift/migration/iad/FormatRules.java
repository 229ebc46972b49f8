package org.uplift.migration.iad;

import java.util.Map;
import java.util.regex.Pattern;

/** What one IAD-1000 format allows: the keys of each section and the values of each key. */
record FormatRules(String format, Pattern userKey, Pattern portKey, Map<String, Pattern> portValues,
        boolean protocolPerSection, Pattern timerKey, long timerMin, long timerMax) {

    private static final Pattern PORT_NAME_V1 = Pattern.compile("[a-z]+\\d+");

    static final FormatRules V1 = new FormatRules("1",
            Pattern.compile("user\\.\\d+\\.(name|phone)"),
            Pattern.compile("port\\.\\d+\\.(name|enabled)"),
            Map.of("name", PORT_NAME_V1, "enabled", Pattern.compile("true|false")),
            false, Pattern.compile("protocol\\.[a-z0-9-]+\\.[a-z-]+-(interval|timeout)"), 1, 86_400);

    static final FormatRules V2 = new FormatRules("2",
            Pattern.compile("subscriber\\.\\d+\\.(name|phone)"),
            Pattern.compile("port\\.\\d+\\.(name|admin-state)"),
            Map.of("name", PORT_NAME_V1, "admin-state", Pattern.compile("up|down")),
            true, Pattern.compile("[a-z-]+-(interval|timeout)"), 1, 86_400);

    static final FormatRules V3 = new FormatRules("3",
            Pattern.compile("subscriber\\.\\d+\\.(name|phone)"),
            Pattern.compile("port\\.\\d+\\.(name|admin-state)"),
            Map.of("name", Pattern.compile("[a-z]+-\\d+/\\d+"), "admin-state", Pattern.compile("up|down")),
            true, Pattern.compile("[a-z-]+-(interval|timeout)-ms"), 1_000, 86_400_000);

    /** Keys that are timers in the wrong unit for this format (seconds in 3, milliseconds before). */
    boolean foreignTimer(String key) {
        return format.equals("3") ? key.matches(".+-(interval|timeout)") : key.matches(".+-(interval|timeout)-ms");
    }
}
