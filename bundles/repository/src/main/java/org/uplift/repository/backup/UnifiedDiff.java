package org.uplift.repository.backup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Line diff of two configurations in unified format (Myers' O(ND) algorithm in linear space),
 * leaving out lines that match a volatile pattern (timestamps, counters) on both sides. Hunk headers
 * give the original line numbers, so an operator can find the lines in the backup files.
 */
final class UnifiedDiff {

    private static final int CONTEXT = 3;
    /**
     * Beyond this many differing lines two configurations are not versions of one another; it also
     * bounds the time, which grows with the file length times the number of differences.
     */
    static final int MAX_EDITS = 50_000;

    /** One compared line and its 1-based number in its file. */
    record Line(int number, String text) {
    }

    /** The diff lines, and how many volatile lines were left out. */
    record Result(List<String> lines, int ignored) {
    }

    private enum Op {
        KEEP, DELETE, INSERT
    }

    /** A kept line has both sides; a deleted one only {@code from}, an inserted one only {@code to}. */
    private record Edit(Op op, Line from, Line to) {
        String text() {
            return (to != null ? to : from).text();
        }
    }

    private final List<Pattern> volatilePatterns;
    private final int maxEdits;

    UnifiedDiff(List<Pattern> volatilePatterns) {
        this(volatilePatterns, MAX_EDITS);
    }

    UnifiedDiff(List<Pattern> volatilePatterns, int maxEdits) {
        this.volatilePatterns = List.copyOf(volatilePatterns);
        this.maxEdits = maxEdits;
    }

    Result diff(String from, String to, String fromLabel, String toLabel) {
        List<Line> a = new ArrayList<>();
        List<Line> b = new ArrayList<>();
        int ignored = keep(from, a) + keep(to, b);
        List<Edit> edits = edits(a, b);
        if (edits.stream().allMatch(e -> e.op() == Op.KEEP)) {
            return new Result(List.of(), ignored);
        }
        List<String> out = new ArrayList<>();
        out.add("--- " + fromLabel);
        out.add("+++ " + toLabel);
        hunks(edits, out);
        return new Result(out, ignored);
    }

    private int keep(String text, List<Line> kept) {
        int ignored = 0;
        String[] lines = text.split("\r?\n", -1);
        // a final newline ends the last line rather than starting an empty one
        int count = text.isEmpty() || text.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            String line = lines[i];
            if (volatilePatterns.stream().anyMatch(p -> p.matcher(line).find())) {
                ignored++;
            } else {
                kept.add(new Line(i + 1, line));
            }
        }
        return ignored;
    }

    /**
     * A shortest edit script in linear space (Myers' divide and conquer on the middle snake): the
     * full-trace variant kept one frontier per edit step, gigabytes for large, unrelated files.
     * Within a run of changes the deletions come before the insertions, as in any unified diff.
     */
    private List<Edit> edits(List<Line> a, List<Line> b) {
        int[] x = new int[a.size()];
        int[] y = new int[b.size()];
        LineIds.assign(a, b, x, y);
        boolean[] deleted = new boolean[x.length];
        boolean[] inserted = new boolean[y.length];
        new ShortestEditScript(x, y, deleted, inserted).run(maxEdits);
        List<Edit> edits = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < x.length || j < y.length) {
            if (i < x.length && deleted[i]) {
                edits.add(new Edit(Op.DELETE, a.get(i++), null));
            } else if (j < y.length && inserted[j]) {
                edits.add(new Edit(Op.INSERT, null, b.get(j++)));
            } else {
                edits.add(new Edit(Op.KEEP, a.get(i++), b.get(j++)));
            }
        }
        return edits;
    }

    /** Numbers lines so that equal texts get equal numbers: the search compares ints, not strings. */
    private static final class LineIds {
        static void assign(List<Line> a, List<Line> b, int[] x, int[] y) {
            Map<String, Integer> ids = new HashMap<>();
            for (int i = 0; i < x.length; i++) {
                x[i] = ids.computeIfAbsent(a.get(i).text(), t -> ids.size());
            }
            for (int j = 0; j < y.length; j++) {
                y[j] = ids.computeIfAbsent(b.get(j).text(), t -> ids.size());
            }
        }
    }

    /** Groups changes with {@value #CONTEXT} lines of context each side, merging hunks that touch. */
    private static void hunks(List<Edit> edits, List<String> out) {
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).op() == Op.KEEP) {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int lastChange = i;
            while (end < edits.size() && end - lastChange <= 2 * CONTEXT) {
                if (edits.get(end).op() != Op.KEEP) {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(edits.size(), lastChange + CONTEXT + 1);
            writeHunk(edits.subList(start, end), edits, start, out);
            i = end;
        }
    }

    private static void writeHunk(List<Edit> hunk, List<Edit> all, int start, List<String> out) {
        int fromCount = 0;
        int toCount = 0;
        List<String> body = new ArrayList<>();
        for (Edit e : hunk) {
            if (e.from() != null) {
                fromCount++;
            }
            if (e.to() != null) {
                toCount++;
            }
            body.add((e.op() == Op.KEEP ? " " : e.op() == Op.DELETE ? "-" : "+") + e.text());
        }
        out.add("@@ -" + range(firstNumber(all, start, true), fromCount) + " +"
                + range(firstNumber(all, start, false), toCount) + " @@");
        out.addAll(body);
    }

    /**
     * The original line number where the hunk starts on one side: its first line there, or for an
     * empty side the line after the last one before the hunk.
     */
    private static int firstNumber(List<Edit> all, int start, boolean fromSide) {
        for (int i = start; i < all.size(); i++) {
            Line line = fromSide ? all.get(i).from() : all.get(i).to();
            if (line != null) {
                return line.number();
            }
        }
        for (int i = start - 1; i >= 0; i--) {
            Line line = fromSide ? all.get(i).from() : all.get(i).to();
            if (line != null) {
                return line.number() + 1;
            }
        }
        return 1;
    }

    private static String range(int start, int count) {
        if (count == 0) {
            return (start - 1) + ",0";
        }
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }
}
