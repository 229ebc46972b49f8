package org.uplift.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.JobState;

class ProgressTest {

    @Test
    void givenAStepOfTheHappyPath_whenDescribed_thenItsPlaceOfEight() {
        assertEquals("step 1 of 8: BACKUP", Progress.describe(JobState.BACKUP, null));
        assertEquals("step 8 of 8: VERIFY_RESTORE", Progress.describe(JobState.VERIFY_RESTORE, null));
    }

    @Test
    void givenADownloadUnderWay_whenDescribed_thenBytesOfTotalAndPercent() {
        JobProgress live = new JobProgress("j1", JobState.UPDATE, 12_288, 65_536);
        assertEquals("step 4 of 8: UPDATE, 12,288 of 65,536 bytes (18%)", Progress.describe(JobState.UPDATE, live));
    }

    @Test
    void givenAnUploadOfUnknownSize_whenDescribed_thenBytesSoFar() {
        JobProgress live = new JobProgress("j1", JobState.BACKUP, 2_048, -1);
        assertEquals("step 1 of 8: BACKUP, 2,048 bytes", Progress.describe(JobState.BACKUP, live));
    }

    @Test
    void givenNoTransfer_whenDescribed_thenTheStepAlone() {
        assertEquals("step 2 of 8: VERIFY_BACKUP",
                Progress.describe(JobState.VERIFY_BACKUP, new JobProgress("j1", JobState.VERIFY_BACKUP, 0, -1)));
    }

    @Test
    void givenStatesOffThePath_whenDescribed_thenWordsNotNumbers() {
        assertEquals("not started", Progress.describe(JobState.PENDING, null));
        assertEquals("waiting for a decision", Progress.describe(JobState.AWAITING_DECISION, null));
        assertEquals("rolling back: VERIFY_ROLLBACK", Progress.describe(JobState.VERIFY_ROLLBACK, null));
        assertEquals("done", Progress.describe(JobState.DONE, null));
        assertEquals("aborted", Progress.describe(JobState.ABORTED, null));
        assertEquals("failed", Progress.describe(JobState.FAILED, null));
    }
}
