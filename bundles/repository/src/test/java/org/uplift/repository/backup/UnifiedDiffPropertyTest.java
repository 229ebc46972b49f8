package org.uplift.repository.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The diff against independent oracles on many random small inputs: its hunks, applied to the old
 * text, give the new one, and it has as many edits as a shortest edit script (n + m - 2 LCS,
 * computed by dynamic programming).
 */
class UnifiedDiffPropertyTest {

    private static final Pattern HUNK = Pattern.compile("@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@");

    private final UnifiedDiff differ = new UnifiedDiff(List.of());

    @Test
    void givenRandomSmallConfigurations_whenDiffed_thenTheHunksRebuildTheNewOneWithMinimalEdits() {
        Random random = new Random(14);
        for (int round = 0; round < 20_000; round++) {
            // few distinct lines, so that matches are many and ambiguous
            List<String> from = randomLines(random, random.nextInt(14), 1 + random.nextInt(4));
            List<String> to = random.nextInt(4) == 0 ? mutate(random, from) : randomLines(random, random.nextInt(14),
                    1 + random.nextInt(4));
            List<String> diff = differ.diff(text(from), text(to), "a", "b").lines();
            String context = "from " + from + " to " + to + ": " + diff;
            assertEquals(to, apply(from, diff), context);
            assertEquals(from.size() + to.size() - 2 * lcs(from, to), edits(diff), context);
        }
    }

    @Test
    void givenMoreDifferencesThanTheBudget_whenDiffed_thenOneLineRefusesThem() {
        UnifiedDiff small = new UnifiedDiff(List.of(), 6);
        assertEquals(6, edits(small.diff("a\nb\nc\n", "x\ny\nz\n", "a", "b").lines()));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> small.diff("a\nb\nc\nd\n", "a\nw\nx\ny\nz\n", "a", "b"));
        assertEquals("the two configurations differ in more than 6 lines; compare them with another tool",
                refused.getMessage());
        // one side empty is refused the same way
        assertThrows(IllegalArgumentException.class, () -> small.diff("", "1\n2\n3\n4\n5\n6\n7\n", "a", "b"));
    }

    private static List<String> randomLines(Random random, int count, int distinct) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add("line " + (char) ('a' + random.nextInt(distinct)));
        }
        return lines;
    }

    /** A few deletions, insertions and replacements: inputs that are versions of one another. */
    private static List<String> mutate(Random random, List<String> from) {
        List<String> to = new ArrayList<>(from);
        for (int i = random.nextInt(4); i >= 0; i--) {
            int at = random.nextInt(to.size() + 1);
            switch (random.nextInt(3)) {
                case 0 -> to.add(at, "line " + (char) ('a' + random.nextInt(5)));
                case 1 -> {
                    if (at < to.size()) {
                        to.remove(at);
                    }
                }
                default -> {
                    if (at < to.size()) {
                        to.set(at, "line " + (char) ('a' + random.nextInt(5)));
                    }
                }
            }
        }
        return to;
    }

    private static String text(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /** Patches {@code from} with the hunks, checking context, deleted lines and both sides' numbers. */
    private static List<String> apply(List<String> from, List<String> diff) {
        List<String> result = new ArrayList<>();
        int next = 0;
        int i = diff.isEmpty() ? 0 : 2;
        while (i < diff.size()) {
            Matcher header = HUNK.matcher(diff.get(i++));
            assertTrue(header.matches(), diff.toString());
            int fromCount = header.group(2) == null ? 1 : Integer.parseInt(header.group(2));
            int toCount = header.group(4) == null ? 1 : Integer.parseInt(header.group(4));
            // an empty side names the line before the hunk
            int fromStart = Integer.parseInt(header.group(1)) - (fromCount == 0 ? 0 : 1);
            assertTrue(fromStart >= next, "hunks out of order: " + diff);
            result.addAll(from.subList(next, fromStart));
            next = fromStart;
            assertEquals(Integer.parseInt(header.group(3)) - (toCount == 0 ? 0 : 1), result.size(), diff.toString());
            int seenFrom = 0;
            int seenTo = 0;
            for (; i < diff.size() && !diff.get(i).startsWith("@@"); i++) {
                String line = diff.get(i);
                String text = line.substring(1);
                if (line.charAt(0) != '+') {
                    assertEquals(from.get(next++), text, diff.toString());
                    seenFrom++;
                }
                if (line.charAt(0) != '-') {
                    result.add(text);
                    seenTo++;
                }
            }
            assertEquals(fromCount, seenFrom, diff.toString());
            assertEquals(toCount, seenTo, diff.toString());
        }
        result.addAll(from.subList(next, from.size()));
        return result;
    }

    private static int edits(List<String> diff) {
        return (int) diff.stream().skip(2).filter(line -> line.startsWith("+") || line.startsWith("-")).count();
    }

    private static int lcs(List<String> a, List<String> b) {
        int[][] table = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                table[i][j] = a.get(i).equals(b.get(j)) ? table[i + 1][j + 1] + 1
                        : Math.max(table[i + 1][j], table[i][j + 1]);
            }
        }
        return table[0][0];
    }
}
