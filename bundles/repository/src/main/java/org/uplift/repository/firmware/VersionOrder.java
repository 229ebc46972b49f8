package org.uplift.repository.firmware;

import java.util.Comparator;

/** Orders versions as people read them: "1.9" before "1.10", digits compared as numbers. */
final class VersionOrder implements Comparator<String> {

    static final VersionOrder INSTANCE = new VersionOrder();

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int endA = runEnd(a, i);
            int endB = runEnd(b, j);
            String runA = a.substring(i, endA);
            String runB = b.substring(j, endB);
            int order = Character.isDigit(a.charAt(i)) && Character.isDigit(b.charAt(j))
                    ? compareNumbers(runA, runB)
                    : runA.compareTo(runB);
            if (order != 0) {
                return order;
            }
            i = endA;
            j = endB;
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static int runEnd(String s, int start) {
        boolean digits = Character.isDigit(s.charAt(start));
        int end = start + 1;
        while (end < s.length() && Character.isDigit(s.charAt(end)) == digits) {
            end++;
        }
        return end;
    }

    private static int compareNumbers(String a, String b) {
        String x = stripZeros(a);
        String y = stripZeros(b);
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }

    private static String stripZeros(String digits) {
        int k = 0;
        while (k < digits.length() - 1 && digits.charAt(k) == '0') {
            k++;
        }
        return digits.substring(k);
    }
}
