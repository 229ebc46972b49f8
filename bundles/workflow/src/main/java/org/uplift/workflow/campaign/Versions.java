package org.uplift.workflow.campaign;

import java.util.Comparator;

/**
 * Orders software versions as operators read them: dot- or dash-separated parts, numeric parts by
 * value ({@code 1.10 > 1.9}), other parts by text, a missing part first ({@code 2.0 < 2.0.1}).
 */
final class Versions {

    static final Comparator<String> ORDER = Versions::compare;

    private Versions() {
    }

    static int compare(String a, String b) {
        String[] x = a.trim().split("[.-]");
        String[] y = b.trim().split("[.-]");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = comparePart(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int comparePart(String a, String b) {
        boolean numeric = a.matches("\\d{1,18}") && b.matches("\\d{1,18}");
        return numeric ? Long.compare(Long.parseLong(a), Long.parseLong(b)) : a.compareTo(b);
    }
}
