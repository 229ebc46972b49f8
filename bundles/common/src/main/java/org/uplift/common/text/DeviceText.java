package org.uplift.common.text;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Text a device sent (sysDescr, a version, a fail cause, a configuration line) made safe for a
 * message, a history line, a log or a terminal: it is untrusted, so control characters (C0, DEL,
 * C1), line and paragraph separators, invisible format characters (bidi overrides, zero-width) and
 * lone surrogates become {@code \\uXXXX}, so a device cannot forge log lines or drive the operator's
 * terminal, and the length is bounded. Plain text passes unchanged.
 */
public final class DeviceText {

    /** The longest text kept, in characters: SnmpAdminString's 255 octets. */
    public static final int MAX_CHARS = 255;

    private DeviceText() {
    }

    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 8);
        int kept = 0;
        for (int i = 0; i < text.length(); i = text.offsetByCodePoints(i, 1)) {
            if (kept++ == MAX_CHARS) {
                return safe.append("...").toString();
            }
            int c = text.codePointAt(i);
            if (unsafe(c)) {
                safe.append(String.format("\\u%04x", c));
            } else {
                safe.appendCodePoint(c);
            }
        }
        return safe.toString();
    }

    /** The first changed lines of a unified diff ({@code -} the device's, {@code +} the expected), escaped. */
    public static String firstChanges(List<String> diff, int max) {
        List<String> changed = diff.stream()
                .filter(l -> (l.startsWith("-") && !l.startsWith("---")) || (l.startsWith("+") && !l.startsWith("+++")))
                .toList();
        String shown = changed.stream().limit(max).map(l -> "'" + escape(l) + "'").collect(Collectors.joining(", "));
        return shown + (changed.size() > max ? " and " + (changed.size() - max) + " more changed line(s)" : "");
    }

    private static boolean unsafe(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }
}
