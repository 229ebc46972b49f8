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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs at most {@code maxTransfers} transfers at once and knows their channels, so a stop can close
 * every socket (a blocked {@code receive} ignores interrupts). An upload gives its slot up as soon as
 * its file is stored, while its thread still dallies for a repeated last block: so the pool has a
 * thread more per slot.
 */
final class TransferPool {

    private final Semaphore permits;
    private final ExecutorService executor;
    private final Set<Transfer> running = ConcurrentHashMap.newKeySet();

    TransferPool(int maxTransfers) {
        this.permits = new Semaphore(maxTransfers);
        this.executor = Executors.newFixedThreadPool(2 * maxTransfers, namedThreads());
    }

    /** Starts the transfer, or returns {@code false} when all slots are taken or the pool stopped. */
    boolean start(Transfer transfer) {
        if (!permits.tryAcquire()) {
            return false;
        }
        running.add(transfer);
        AtomicBoolean slotHeld = new AtomicBoolean(true);
        Runnable freeSlot = () -> {
            if (slotHeld.compareAndSet(true, false)) {
                permits.release();
            }
        };
        transfer.onBytesMoved(freeSlot);
        try {
            executor.execute(() -> {
                try {
                    transfer.run();
                } finally {
                    running.remove(transfer);
                    freeSlot.run();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            running.remove(transfer);
            freeSlot.run();
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
