package org.uplift.repository.tftp;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The threads of the TFTP and FTP servers, by name: Uplift's own ({@code uplift-tftp-},
 * {@code uplift-ftp-}) and MINA's I/O threads, which MINA names itself.
 */
final class ServerThreads {

    static final List<String> PREFIXES = List.of("uplift-tftp-", "uplift-ftp-", "NioProcessor-",
            "NioSocketAcceptor-");

    private ServerThreads() {
    }

    static int count() {
        int count = 0;
        for (Thread thread : all()) {
            if (thread.isAlive() && counted(thread.getName())) {
                count++;
            }
        }
        return count;
    }

    /** Counts by kind (the name without its number), for messages. */
    static Map<String, Integer> byKind() {
        Map<String, Integer> kinds = new TreeMap<>();
        for (Thread thread : all()) {
            if (thread.isAlive() && counted(thread.getName())) {
                kinds.merge(thread.getName().replaceAll("-?[0-9]+$", ""), 1, Integer::sum);
            }
        }
        return kinds;
    }

    /** Every thread, without the stack traces {@code Thread.getAllStackTraces()} would take. */
    private static List<Thread> all() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() * 2 + 16];
        int n = root.enumerate(threads, true);
        return Arrays.asList(threads).subList(0, n);
    }

    private static boolean counted(String name) {
        return PREFIXES.stream().anyMatch(name::startsWith);
    }
}
