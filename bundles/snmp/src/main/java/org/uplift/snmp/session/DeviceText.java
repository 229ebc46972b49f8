package org.uplift.snmp.session;

/**
 * Text a device sent (sysDescr, version strings, a server's reply) made safe for messages and
 * logs: control characters (below 0x20, and 0x7f) are written as {@code \xNN}, so a device cannot
 * forge log lines or terminal escapes, and the text is cut to a readable length.
 */
public final class DeviceText {

    /** Longest text kept, in characters; longer text ends with "...". */
    public static final int MAX_CHARS = 200;

    private DeviceText() {
    }

    public static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 8);
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= MAX_CHARS) {
                return out.append("...").toString();
            }
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
