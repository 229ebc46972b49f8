package org.uplift.repository.tftp;

/** Text from the network made safe for one log line: printable ASCII only, bounded length. */
final class LogText {

    private static final int MAX = 120;

    private LogText() {
    }

    static String of(String text) {
        if (text == null) {
            return "";
        }
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= MAX ? printable : printable.substring(0, MAX) + "...";
    }
}
