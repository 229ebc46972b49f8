package org.uplift.repository.tftp;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs at most {@code maxTransfers} transfers at once and knows their channels, so a stop can close
 * every socket (a blocked {@code receive} ignores interrupts). An upload gives its slot up as soon as
 * its file is stored, while its thread still dallies for a repeated last block: so the pool has a
 * thread more per slot. Its threads leave after {@code idleMillis} without work, so a burst of
 * transfers leaves no threads behind.
 */
final class TransferPool {

    private final Semaphore permits;
    private final ThreadPoolExecutor executor;
    private final Set<Transfer> running = ConcurrentHashMap.newKeySet();

    TransferPool(int maxTransfers, long idleMillis) {
        this.permits = new Semaphore(maxTransfers);
        // the semaphore keeps the queue empty: a transfer gets a thread or is refused as busy
        this.executor = new ThreadPoolExecutor(2 * maxTransfers, 2 * maxTransfers, idleMillis, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), namedThreads());
        executor.allowCoreThreadTimeOut(true);
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

    /** Transfers running with this device address, whatever its port, those only dallying left out. */
    int runningFor(InetAddress device) {
        return (int) running.stream()
                .filter(t -> !t.lingering() && t.channel().peer().getAddress().equals(device)).count();
    }

    int running() {
        return running.size();
    }

    /** The local ports (TIDs) of the running transfers; one whose socket just closed has none. */
    List<Integer> ports() {
        return running.stream().map(t -> t.channel().localPort()).filter(port -> port > 0).toList();
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
