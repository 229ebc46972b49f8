package org.uplift.workflow.engine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Text a device sent (configuration lines, fail causes, versions) made safe for a history line, a
 * log or a terminal: control characters (CR, LF, ESC, BEL, ...) are shown as {@code \\uXXXX}, so a
 * device cannot forge log lines or drive the operator's terminal, and long text is cut.
 */
final class DeviceText {

    private static final int MAX = 200;

    private DeviceText() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 8);
        for (int i = 0; i < text.length() && out.length() < MAX; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.length() >= MAX && text.length() > MAX ? out + "..." : out.toString();
    }

    /** The first changed lines of a unified diff ({@code -} the device's, {@code +} the expected), escaped. */
    static String firstChanges(List<String> diff, int max) {
        List<String> changed = diff.stream()
                .filter(l -> (l.startsWith("-") && !l.startsWith("---")) || (l.startsWith("+") && !l.startsWith("+++")))
                .toList();
        String shown = changed.stream().limit(max).map(l -> "'" + escape(l) + "'").collect(Collectors.joining(", "));
        return shown + (changed.size() > max ? " and " + (changed.size() - max) + " more changed line(s)" : "");
    }
}
