package org.uplift.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The checks every request record shares: blank counts as absent, strings are trimmed, a required one is there. */
final class Fields {

    private Fields() {
    }

    /** A required, non-blank string, trimmed. */
    static String required(String name, String value) {
        return optional(value).orElseThrow(() -> ApiException.badRequest("field \"" + name + "\" is required"));
    }

    /** A string if present and not blank, trimmed. */
    static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** A list of non-blank strings, trimmed; empty when absent. */
    static List<String> texts(String name, List<String> values) {
        if (values == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : values) {
            if (s == null || s.isBlank()) {
                throw ApiException.badRequest("field \"" + name + "\" must hold only non-empty strings, found "
                        + (s == null ? "null" : "an empty string"));
            }
            out.add(s.trim());
        }
        return out;
    }
}
