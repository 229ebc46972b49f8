package org.uplift.repository.backup;

import java.util.Arrays;

/**
 * Myers' shortest edit script in linear space ("An O(ND) Difference Algorithm and Its Variations",
 * section 4b): a forward and a reverse search meet on the middle of an optimal path, which splits
 * the problem in two. Only the two frontiers of the current sub-problem are alive at a time, so
 * memory grows with the length of the files, never with the number of differences.
 * <p>
 * Lines are compared as ints (equal texts, equal ints). The result is marked in place: which lines
 * of {@code a} are deleted and which of {@code b} inserted; the unmarked lines are kept, in order.
 */
final class ShortestEditScript {

    private final int[] a;
    private final int[] b;
    private final boolean[] deleted;
    private final boolean[] inserted;

    ShortestEditScript(int[] a, int[] b, boolean[] deleted, boolean[] inserted) {
        this.a = a;
        this.b = b;
        this.deleted = deleted;
        this.inserted = inserted;
    }

    /**
     * Marks a shortest edit script.
     *
     * @throws IllegalArgumentException when it would take more than {@code maxEdits} edits; known
     *         before the time-consuming part is done
     */
    void run(int maxEdits) {
        compare(0, a.length, 0, b.length, maxEdits);
    }

    private void compare(int aLo, int aHi, int bLo, int bHi, int maxEdits) {
        while (aLo < aHi && bLo < bHi && a[aLo] == b[bLo]) {
            aLo++;
            bLo++;
        }
        while (aLo < aHi && bLo < bHi && a[aHi - 1] == b[bHi - 1]) {
            aHi--;
            bHi--;
        }
        if (aLo == aHi || bLo == bHi) {
            checkBudget((aHi - aLo) + (bHi - bLo), maxEdits);
            markAll(aLo, aHi, bLo, bHi);
            return;
        }
        long split = middle(aLo, aHi, bLo, bHi, maxEdits);
        if (split < 0) {
            markAll(aLo, aHi, bLo, bHi);
            return;
        }
        int x = aLo + (int) (split >>> 32);
        int y = bLo + (int) split;
        // both halves cost less than this problem (it costs 2 or more once trimmed): the recursion ends
        compare(aLo, x, bLo, y, Integer.MAX_VALUE);
        compare(x, aHi, y, bHi, Integer.MAX_VALUE);
    }

    /**
     * A point on an optimal path, relative to {@code (aLo, bLo)}, as {@code x << 32 | y}; or -1 when
     * the two ranges have no line in common (everything is deleted and inserted).
     */
    private long middle(int aLo, int aHi, int bLo, int bHi, int maxEdits) {
        int n = aHi - aLo;
        int m = bHi - bLo;
        int maxD = (n + m + 1) / 2;
        int offset = maxD;
        int length = 2 * maxD + 2;
        int[] forward = new int[length];
        int[] reverse = new int[length];
        Arrays.fill(forward, -1);
        Arrays.fill(reverse, -1);
        forward[offset + 1] = 0;
        reverse[offset + 1] = 0;
        int delta = n - m;
        // with an odd delta the paths meet while the forward one moves, with an even one the reverse
        boolean meetsForward = (delta & 1) != 0;
        // diagonals that ran off the grid are not searched again
        int forwardStart = 0;
        int forwardEnd = 0;
        int reverseStart = 0;
        int reverseEnd = 0;
        for (int d = 0; d < maxD; d++) {
            // any meeting from here on costs at least 2d - 1 edits
            checkBudget(2 * d - 1, maxEdits);
            for (int k = -d + forwardStart; k <= d - forwardEnd; k += 2) {
                int i = offset + k;
                int x = k == -d || (k != d && forward[i - 1] < forward[i + 1]) ? forward[i + 1] : forward[i - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a[aLo + x] == b[bLo + y]) {
                    x++;
                    y++;
                }
                forward[i] = x;
                if (x > n) {
                    forwardEnd += 2;
                } else if (y > m) {
                    forwardStart += 2;
                } else if (meetsForward) {
                    int j = offset + delta - k;
                    if (j >= 0 && j < length && reverse[j] != -1 && x >= n - reverse[j]) {
                        checkBudget(2 * d - 1, maxEdits);
                        return (long) x << 32 | y;
                    }
                }
            }
            for (int k = -d + reverseStart; k <= d - reverseEnd; k += 2) {
                int i = offset + k;
                int x = k == -d || (k != d && reverse[i - 1] < reverse[i + 1]) ? reverse[i + 1] : reverse[i - 1] + 1;
                int y = x - k;
                while (x < n && y < m && a[aHi - x - 1] == b[bHi - y - 1]) {
                    x++;
                    y++;
                }
                reverse[i] = x;
                if (x > n) {
                    reverseEnd += 2;
                } else if (y > m) {
                    reverseStart += 2;
                } else if (!meetsForward) {
                    int j = offset + delta - k;
                    if (j >= 0 && j < length && forward[j] != -1) {
                        int forwardX = forward[j];
                        if (forwardX >= n - x) {
                            checkBudget(2 * d, maxEdits);
                            return (long) forwardX << 32 | (forwardX - (j - offset));
                        }
                    }
                }
            }
        }
        checkBudget(n + m, maxEdits);
        return -1;
    }

    private void markAll(int aLo, int aHi, int bLo, int bHi) {
        for (int i = aLo; i < aHi; i++) {
            deleted[i] = true;
        }
        for (int j = bLo; j < bHi; j++) {
            inserted[j] = true;
        }
    }

    private static void checkBudget(int edits, int maxEdits) {
        if (edits > maxEdits) {
            throw new IllegalArgumentException("the two configurations differ in more than " + maxEdits
                    + " lines; compare them with another tool");
        }
    }
}
