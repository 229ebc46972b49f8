package org.uplift.shell;

/**
 * Text that may come from a device (a fail cause, a version, a configuration line in a history
 * message) made safe for the operator's terminal: control characters, ESC and OSC sequences
 * included, are shown as {@code \\uXXXX} instead of being sent to the terminal to act on.
 */
final class TerminalText {

    private TerminalText() {
    }

    static String safe(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029';
            if (control && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (control) {
                    out.append(String.format("\\u%04X", (int) c));
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }
}
