package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.JobState;

/** A job's live progress names the file being served while its step runs, and nothing once it has ended. */
@Timeout(60)
class JobProgressTest extends HarnessTest {

    @Test
    void theImageBeingServedIsShownUntilTheStepEnds() throws Exception {
        // silent from the moment the download is commanded: the step waits with its ticket open
        oneIad(Map.of("updateTimeoutSeconds", 3), "1=silent-during:download");
        long imageSize = Files.size(dir.resolve("fw-2.0.0.bin"));

        String id = h.engine.start("iad-1", "2.0.0").id();
        h.await(id, Duration.ofSeconds(20), JobState.UPDATE);
        JobProgress during = awaitTransfer(id);
        assertEquals(JobState.UPDATE, during.state());
        assertEquals(imageSize, during.totalBytes(), "the size of the image being served");

        h.await(id, Duration.ofSeconds(30), JobState.AWAITING_DECISION);
        JobProgress after = h.engine.progress(id).orElseThrow();
        assertFalse(after.transferring(), "no transfer once the step has failed: " + after);
        h.engine.decide(id, Decision.ABORT);
        assertEquals(0, h.engine.progress("no-such-job").map(p -> 1).orElse(0), "unknown job");
    }

    private JobProgress awaitTransfer(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JobProgress p = h.engine.progress(id).orElseThrow();
        while (!p.transferring() && System.nanoTime() < deadline) {
            Thread.sleep(20);
            p = h.engine.progress(id).orElseThrow();
        }
        return p;
    }
}
