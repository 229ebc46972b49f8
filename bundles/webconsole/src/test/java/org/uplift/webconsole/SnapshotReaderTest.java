package org.uplift.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.JobState;

class SnapshotReaderTest {

    private final FakeUpgrades upgrades = new FakeUpgrades();
    private final SnapshotReader reader = new SnapshotReader(upgrades, new FakeCampaigns());

    @Test
    void givenJobsInStepsAndOthers_whenRead_thenLiveProgressIsAskedOnlyForJobsInAStep() {
        upgrades.add(FakeUpgrades.job("a", "iad-1", JobState.UPDATE, ""));
        upgrades.add(FakeUpgrades.job("b", "iad-2", JobState.AWAITING_DECISION, ""));
        upgrades.add(FakeUpgrades.job("c", "iad-3", JobState.DONE, ""));
        upgrades.add(FakeUpgrades.job("d", "iad-4", JobState.ROLLBACK, ""));
        upgrades.live.put("a", new JobProgress("a", JobState.UPDATE, 10, 100));
        ConsoleSnapshot s = reader.read(null);
        assertEquals(List.of("d", "a"), upgrades.progressAsked);
        assertEquals(List.of("rolling back: ROLLBACK", "done", "waiting for a decision",
                "step 4 of 8: UPDATE, 10 of 100 bytes (10%)"), s.jobs().stream().map(JobRow::progress).toList());
    }

    @Test
    void givenAJobThatMovedOnSinceItWasListed_whenRead_thenProgressFollowsTheLiveState() {
        upgrades.add(FakeUpgrades.job("a", "iad-1", JobState.UPDATE, ""));
        upgrades.live.put("a", new JobProgress("a", JobState.VERIFY_UPDATE, 0, -1));
        assertEquals("step 5 of 8: VERIFY_UPDATE", reader.read(null).jobs().get(0).progress());
    }

    @Test
    void givenMoreJobsThanAPageHolds_whenRead_thenTheNewestAreShownAndTheTotalIsKept() {
        for (int i = 0; i < SnapshotReader.MAX_JOBS + 5; i++) {
            upgrades.add(FakeUpgrades.job("j" + i, "iad-" + i, JobState.DONE, ""));
        }
        ConsoleSnapshot s = reader.read(null);
        assertEquals(SnapshotReader.MAX_JOBS, s.jobs().size());
        assertEquals(SnapshotReader.MAX_JOBS + 5, s.totalJobs());
        assertEquals("j" + (SnapshotReader.MAX_JOBS + 4), s.jobs().get(0).job().id());
        assertEquals("The newest 200 of 205 jobs; click one for its step history.",
                PageRenderer.jobsNote(s.jobs().size(), s.totalJobs()));
    }

    /** Issue 14 item 7: the total came from a list cut at 1,000, so the page understated it without saying so. */
    @Test
    void givenMoreJobsThanTheLongestList_whenRead_thenTheTotalCountsThemAll() {
        for (int i = 0; i < 1200; i++) {
            upgrades.add(FakeUpgrades.job("j" + i, "iad-" + i, JobState.DONE, ""));
        }
        ConsoleSnapshot s = reader.read(null);
        assertEquals(1200, s.totalJobs());
        assertEquals("The newest 200 of 1200 jobs; click one for its step history.",
                PageRenderer.jobsNote(s.jobs().size(), s.totalJobs()));
    }

    @Test
    void givenABlankOrOverlongSelection_whenRead_thenBlankIsNoneAndLongIsCut() {
        assertNull(reader.read("  ").selectedId());
        assertEquals(SnapshotReader.MAX_ID_LENGTH, reader.read("x".repeat(500)).selectedId().length());
    }

    @Test
    void givenTheServiceThrows_whenRead_thenAFailedSnapshotWithOneLine() {
        upgrades.failure = new IllegalStateException(null, null);
        ConsoleSnapshot s = reader.read(null);
        assertEquals("Uplift could not read its jobs and campaigns: IllegalStateException", s.error());
        assertEquals(List.of(), s.jobs());
    }
}
