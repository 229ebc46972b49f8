package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What an operator's stop waits on: the job's thread letting go of it, not the cancelled task's own future. */
@Timeout(10)
class DrivenJobTest {

    @Test
    void givenARunningDriver_whenCancelled_thenTheSignalWaitsUntilItsThreadHasReturned() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch mayReturn = new CountDownLatch(1);
        AtomicInteger skipped = new AtomicInteger();
        DrivenJob job = new DrivenJob(() -> {
            started.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            // still writing the job after the interrupt, as a step that records where it stopped does
            try {
                mayReturn.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, skipped::incrementAndGet);
        Thread thread = new Thread(job);
        thread.start();
        started.await();

        job.cancel(true);

        assertTrue(interrupted.await(5, TimeUnit.SECONDS));
        assertTrue(job.isDone(), "the FutureTask says done at once");
        Thread.sleep(100);
        assertFalse(job.exited.isDone(), "the thread has not let go of the job yet");
        mayReturn.countDown();
        job.exited.get(5, TimeUnit.SECONDS);
        thread.join(5000);
        assertEquals(0, skipped.get(), "it ran: its own exit cleans up");
    }

    @Test
    void givenAQueuedDriver_whenCancelledBeforeAnyThreadTakesIt_thenItIsSkippedAndNeverRuns() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        DrivenJob job = new DrivenJob(ran::incrementAndGet, skipped::incrementAndGet);

        job.cancel(true);
        job.run(); // the pool takes it up later

        assertTrue(job.exited.isDone());
        assertEquals(1, skipped.get());
        assertEquals(0, ran.get());
    }

    @Test
    void givenADriverThatEnds_thenTheSignalIsCompleteAndNothingIsSkipped() throws Exception {
        AtomicInteger skipped = new AtomicInteger();
        DrivenJob job = new DrivenJob(() -> {
        }, skipped::incrementAndGet);

        job.run();

        assertTrue(job.exited.isDone());
        assertEquals(0, skipped.get());
    }
}
