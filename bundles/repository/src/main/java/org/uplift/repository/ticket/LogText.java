package org.uplift.repository.ticket;

/** Text from the network made safe for one log line: printable ASCII only, bounded length. */
public final class LogText {

    private static final int MAX = 120;

    private LogText() {
    }

    public static String of(String text) {
        if (text == null) {
            return "";
        }
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= MAX ? printable : printable.substring(0, MAX) + "...";
    }
}
