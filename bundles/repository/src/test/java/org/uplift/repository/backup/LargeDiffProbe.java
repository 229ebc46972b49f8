package org.uplift.repository.backup;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * Diffs two configurations of {@code args[0]} lines that differ on every line and prints one line:
 * {@code diff-lines N peak-heap-mib M millis T}, or {@code refused <message>}. Run by
 * {@link LargeDiffMemoryTest} in a JVM with a small heap, where an out-of-memory error ends it.
 */
public final class LargeDiffProbe {

    private LargeDiffProbe() {
    }

    public static void main(String[] args) {
        int lines = Integer.parseInt(args[0]);
        String from = configuration("old", lines);
        String to = configuration("new", lines);
        long start = System.nanoTime();
        try {
            List<String> diff = new UnifiedDiff(List.of()).diff(from, to, "a", "b").lines();
            System.out.println("diff-lines " + diff.size() + " peak-heap-mib " + peakHeapMib() + " millis "
                    + (System.nanoTime() - start) / 1_000_000);
        } catch (IllegalArgumentException e) {
            System.out.println("refused " + e.getMessage());
        }
    }

    private static String configuration(String tag, int lines) {
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= lines; i++) {
            text.append("interface ").append(tag).append('-').append(i).append(" description line ").append(i)
                    .append('\n');
        }
        return text.toString();
    }

    /** Sum of the heap pools' peaks: an upper bound of the heap ever in use. */
    private static long peakHeapMib() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }
}
