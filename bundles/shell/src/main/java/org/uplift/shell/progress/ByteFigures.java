package org.uplift.shell.progress;

import java.util.Locale;

/** Byte counts as an operator reads them: "512 B", "12.0 KiB", "3.1 MiB / 8.0 MiB (39%)". */
public final class ByteFigures {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

    private ByteFigures() {
    }

    /** One size in binary units with one decimal. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** Bytes moved so far, out of the total when it is known ({@code total < 0}: unknown, e.g. an upload). */
    public static String transfer(long bytes, long total) {
        if (total < 0) {
            return size(bytes);
        }
        return size(bytes) + " / " + size(total) + " (" + percent(bytes, total) + "%)";
    }

    /** Whole percent done, 0-100; an empty file is done at once. */
    public static int percent(long bytes, long total) {
        if (total <= 0) {
            return 100;
        }
        return (int) Math.min(100, Math.max(0, bytes * 100 / total));
    }
}
