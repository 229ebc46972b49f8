package org.uplift.webconsole;

import java.util.Locale;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * JSON escapes for what the page reads: besides what JSON requires, {@code <}, {@code >}, {@code &} and the line
 * separators U+2028/2029 become {@code \\uXXXX}, so device text stays inert even if a browser sniffs the response
 * as HTML or script.
 */
final class HtmlSafeEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;

    private static final int[] ASCII = ascii();

    private static int[] ascii() {
        int[] codes = standardAsciiEscapesForJSON();
        for (int c = 0; c < 0x20; c++) {
            if (c != '\n' && c != '\r' && c != '\t') {
                codes[c] = ESCAPE_CUSTOM;
            }
        }
        codes['<'] = ESCAPE_CUSTOM;
        codes['>'] = ESCAPE_CUSTOM;
        codes['&'] = ESCAPE_CUSTOM;
        return codes;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ASCII;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (ch < 0x80 || ch == 0x2028 || ch == 0x2029) {
            return new SerializedString(String.format(Locale.ROOT, "\\u%04x", ch));
        }
        return null;
    }
}
