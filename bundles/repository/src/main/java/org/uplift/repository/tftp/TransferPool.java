package org.uplift.repository.tftp;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs at most {@code maxTransfers} transfers at once on a fixed pool and knows their channels, so
 * a stop can close every socket (a blocked {@code receive} ignores interrupts).
 */
final class TransferPool {

    private final Semaphore permits;
    private final ExecutorService executor;
    private final Set<Transfer> running = ConcurrentHashMap.newKeySet();

    TransferPool(int maxTransfers) {
        this.permits = new Semaphore(maxTransfers);
        this.executor = Executors.newFixedThreadPool(maxTransfers, namedThreads());
    }

    /** Starts the transfer, or returns {@code false} when all slots are taken or the pool stopped. */
    boolean start(Transfer transfer) {
        if (!permits.tryAcquire()) {
            return false;
        }
        running.add(transfer);
        try {
            executor.execute(() -> {
                try {
                    transfer.run();
                } finally {
                    running.remove(transfer);
                    permits.release();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            running.remove(transfer);
            permits.release();
            return false;
        }
    }

    /** {@code true} while a transfer with this client runs: a repeated request is then a duplicate. */
    boolean serving(InetSocketAddress client) {
        return running.stream().anyMatch(t -> t.channel().peer().equals(client));
    }

    void stop(long waitMillis) throws InterruptedException {
        executor.shutdownNow();
        running.forEach(t -> t.channel().close());
        executor.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
    }

    private static ThreadFactory namedThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "uplift-tftp-transfer-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
