package org.uplift.workflow.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A job's driver on the pool, with a signal completed when its thread has let go of the job. A cancelled
 * {@link FutureTask}'s own get() returns at once, while the interrupted thread may still be writing the job.
 */
final class DrivenJob extends FutureTask<Void> {

    /** Completed when the driver has returned, or when it was cancelled before any thread took it up. */
    final CompletableFuture<Void> exited = new CompletableFuture<>();
    private final Runnable skipped;
    private final AtomicBoolean taken = new AtomicBoolean();

    /** @param skipped what to do when cancelled before a thread took the job up (the driver's own exit never runs) */
    DrivenJob(Runnable driver, Runnable skipped) {
        super(driver, null);
        this.skipped = skipped;
    }

    @Override
    public void run() {
        if (!taken.compareAndSet(false, true)) {
            return;
        }
        try {
            super.run();
        } finally {
            exited.complete(null);
        }
    }

    @Override
    protected void done() {
        if (isCancelled() && taken.compareAndSet(false, true)) {
            skipped.run();
            exited.complete(null);
        }
    }
}
