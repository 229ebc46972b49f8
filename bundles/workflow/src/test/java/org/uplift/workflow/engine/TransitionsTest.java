package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.uplift.api.workflow.JobState;

class TransitionsTest {

    @Test
    void givenTheHappyPath_whenWalkedInOrder_thenEveryStepIsAllowedAndRecorded() {
        JobRecord job = new JobRecord("j1", "iad-1", "IAD-1000-2.0.0", "2.0.0", Clock.systemUTC(), "created");
        List<JobState> path = List.of(JobState.BACKUP, JobState.VERIFY_BACKUP, JobState.KEEP_OLD_VERSION, JobState.UPDATE,
                JobState.VERIFY_UPDATE, JobState.MIGRATE_CONFIG, JobState.RESTORE, JobState.VERIFY_RESTORE, JobState.DONE);
        for (JobState s : path) {
            job.enter(s, s.name(), Clock.systemUTC());
        }
        assertEquals(JobState.DONE, job.state());
        assertEquals(path.size() + 1, job.snapshot().history().size());
    }

    @Test
    void givenAnyRunningStep_whenItFails_thenFailedIsAllowed() {
        for (JobState s : JobState.values()) {
            assertEquals(!s.terminal(), Transitions.allowed(s, JobState.FAILED), s.name());
        }
    }

    @Test
    void givenABackupStep_whenSkippingVerification_thenTheTransitionIsRefused() {
        assertFalse(Transitions.allowed(JobState.BACKUP, JobState.UPDATE));
        assertFalse(Transitions.allowed(JobState.UPDATE, JobState.RESTORE));
        JobRecord job = new JobRecord("j1", "iad-1", "f", "2.0.0", Clock.systemUTC(), "created");
        assertThrows(IllegalStateException.class, () -> job.enter(JobState.DONE, "skip", Clock.systemUTC()));
        assertEquals(JobState.PENDING, job.state());
        assertEquals(1, job.snapshot().history().size());
    }

    @Test
    void givenATerminalJob_whenAnythingFollows_thenItIsRefused() {
        for (JobState s : JobState.values()) {
            assertTrue(!Transitions.allowed(JobState.DONE, s) && !Transitions.allowed(JobState.FAILED, s));
        }
    }
}
