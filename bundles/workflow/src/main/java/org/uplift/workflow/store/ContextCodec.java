package org.uplift.workflow.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * How Uplift stored a job's context before the {@link JobRecord} (read now only to convert old rows, see
 * {@link LegacyContext}): a line {@code key=value} per entry, sorted by key, with
 * {@code \\}, {@code =} (in keys), line breaks and other control characters escaped, so any string round-trips and an operator
 * can read the column in a SQL console.
 */
final class ContextCodec {

    private ContextCodec() {
    }

    static String encode(Map<String, String> context) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> entry : new TreeMap<>(context).entrySet()) {
            escape(entry.getKey(), true, text);
            text.append('=');
            escape(entry.getValue(), false, text);
            text.append('\n');
        }
        return text.toString();
    }

    static Map<String, String> decode(String text) {
        Map<String, String> context = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return context;
        }
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            int separator = separator(line);
            if (separator < 0) {
                throw new IllegalArgumentException("context line without '=': " + line);
            }
            context.put(unescape(line.substring(0, separator)), unescape(line.substring(separator + 1)));
        }
        return context;
    }

    /** The first {@code =} that is not escaped. */
    private static int separator(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '=') {
                return i;
            }
        }
        return -1;
    }

    private static void escape(String value, boolean key, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '=' -> out.append(key ? "\\=" : "=");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\' || i + 1 == text.length()) {
                out.append(c);
                continue;
            }
            char next = text.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
