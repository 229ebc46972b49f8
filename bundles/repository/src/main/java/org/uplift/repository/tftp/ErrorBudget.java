package org.uplift.repository.tftp;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many TFTP ERROR replies each source address may still get this second. A refused request costs
 * the server one datagram, so without a budget a flood with a forged source is reflected at the
 * victim; the table of sources is bounded (the least recently seen goes first).
 */
final class ErrorBudget {

    private final int perSecond;
    private final Map<InetAddress, long[]> sources;
    private long dropped;

    ErrorBudget(int perSecond, int maxSources) {
        this.perSecond = perSecond;
        this.sources = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, long[]> eldest) {
                return size() > maxSources;
            }
        };
    }

    /** Whether an ERROR may go to {@code source} now; counts it. */
    synchronized boolean take(InetAddress source) {
        long second = System.nanoTime() / 1_000_000_000L;
        long[] window = sources.computeIfAbsent(source, s -> new long[]{second, 0});
        if (window[0] != second) {
            window[0] = second;
            window[1] = 0;
        }
        if (window[1] >= perSecond) {
            dropped++;
            return false;
        }
        window[1]++;
        return true;
    }

    synchronized long dropped() {
        return dropped;
    }
}
