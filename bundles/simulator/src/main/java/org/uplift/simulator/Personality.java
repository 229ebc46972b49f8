package org.uplift.simulator;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** A MIB a simulated device speaks; a device may speak several (e.g. one for configuration, one for software). */
public enum Personality {
    /** UPLIFT-IAD-MIB: every operation. */
    UPLIFT_IAD("uplift-iad"),
    /** CISCO-CONFIG-COPY-MIB's ccCopyTable: configuration backup and restore. */
    CISCO_CONFIG_COPY("cisco-config-copy"),
    /** DOCS-CABLE-DEVICE-MIB's software download group and docsDevResetNow. */
    DOCSIS("docsis");

    private final String id;

    Personality(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Parses a comma-separated list such as {@code cisco-config-copy,docsis}. */
    public static Set<Personality> parse(String list) {
        Set<Personality> result = EnumSet.noneOf(Personality.class);
        for (String id : list.split(",")) {
            result.add(Arrays.stream(values()).filter(p -> p.id.equalsIgnoreCase(id.trim())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown MIB personality '" + id.trim()
                            + "' (known: " + known() + ")")));
        }
        return result;
    }

    public static String known() {
        return Arrays.stream(values()).map(Personality::id).collect(Collectors.joining(", "));
    }
}
