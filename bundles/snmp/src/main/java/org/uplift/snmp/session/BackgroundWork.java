package org.uplift.snmp.session;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.uplift.api.driver.DeviceException;

/**
 * A session's few threads for what SNMP4J's one listener thread must not do, because it blocks:
 * engine discovery, and a resend that may resolve a host name. Bounded in threads and queue; work
 * it cannot take, or that is still waiting when it closes, fails its request's future instead of
 * leaving it waiting for ever.
 */
final class BackgroundWork implements AutoCloseable {

    private final ThreadPoolExecutor executor;

    BackgroundWork(String name, int threads, int queued) {
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queued), runnable -> {
                    Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    /** Runs {@code work} on a background thread; fails {@code result} with {@code refused} if it cannot. */
    void run(CompletableFuture<?> result, Runnable work, Supplier<DeviceException> refused) {
        try {
            executor.execute(new Task(result, work, refused));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(refused.get());
        }
    }

    @Override
    public void close() {
        for (Runnable waiting : executor.shutdownNow()) {
            if (waiting instanceof Task task) {
                task.result.completeExceptionally(task.refused.get());
            }
        }
    }

    private record Task(CompletableFuture<?> result, Runnable work, Supplier<DeviceException> refused)
            implements
                Runnable {
        @Override
        public void run() {
            try {
                work.run();
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }
    }
}
