package org.uplift.snmp.session;

/**
 * Text a device sent (sysDescr, a version, a file name) made safe for a message, a log line or a
 * page: it is untrusted, so control characters (C0, DEL, C1), line and paragraph separators and
 * invisible format characters (bidi overrides, zero-width), lone surrogates become {@code \\uXXXX}, and the length
 * is bounded. Plain text passes unchanged.
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
                safe.append(String.format("\\u%04X", c));
            } else {
                safe.appendCodePoint(c);
            }
        }
        return safe.toString();
    }

    private static boolean unsafe(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }
}
