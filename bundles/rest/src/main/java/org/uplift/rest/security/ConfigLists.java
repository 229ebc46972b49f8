package org.uplift.rest.security;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** List settings of a .cfg file, which Config Admin may hand over as one string "a, b". */
public final class ConfigLists {

    private ConfigLists() {
    }

    /** The values split on commas too, trimmed, blanks dropped, in order. */
    public static Set<String> of(String[] values) {
        if (values == null) {
            return Set.of();
        }
        return Arrays.stream(values).flatMap(v -> v == null ? Stream.empty() : Arrays.stream(v.split(",")))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
