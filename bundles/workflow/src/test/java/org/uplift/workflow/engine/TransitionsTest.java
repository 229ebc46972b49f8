package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.uplift.api.workflow.JobState;

class TransitionsTest {

    @Test
    void givenTheHappyPath_whenWalkedInOrder_thenEveryStepIsAllowed() {
        List<JobState> path = List.of(JobState.PENDING, JobState.BACKUP, JobState.VERIFY_BACKUP,
                JobState.KEEP_OLD_VERSION,
                JobState.UPDATE, JobState.VERIFY_UPDATE, JobState.MIGRATE_CONFIG, JobState.RESTORE,
                JobState.VERIFY_RESTORE, JobState.DONE);
        for (int i = 1; i < path.size(); i++) {
            assertTrue(Transitions.allowed(path.get(i - 1), path.get(i)), path.get(i - 1) + " -> " + path.get(i));
        }
    }

    @Test
    void givenAnyRunningStep_whenItFails_thenFailedIsAllowed() {
        for (JobState s : JobState.values()) {
            assertEquals(!s.terminal(), Transitions.allowed(s, JobState.FAILED), s.name());
        }
    }

    @Test
    void givenAFailureOfBackupUpdateOrRestore_whenItIsReported_thenTheJobAsksTheOperator() {
        for (JobState s : List.of(JobState.BACKUP, JobState.VERIFY_BACKUP, JobState.UPDATE, JobState.VERIFY_UPDATE,
                JobState.MIGRATE_CONFIG, JobState.RESTORE, JobState.VERIFY_RESTORE)) {
            assertTrue(Transitions.allowed(s, JobState.AWAITING_DECISION), s.name());
        }
    }

    @Test
    void givenAFailedUpdate_whenRetried_thenTheDeviceIsRolledBackFirst_claim10() {
        assertEquals(JobState.ROLLBACK, Transitions.retryTarget(JobState.UPDATE));
        assertEquals(JobState.ROLLBACK, Transitions.retryTarget(JobState.VERIFY_UPDATE));
        assertTrue(Transitions.allowed(JobState.ROLLBACK, JobState.VERIFY_ROLLBACK));
        assertTrue(Transitions.allowed(JobState.VERIFY_ROLLBACK, JobState.UPDATE));
        assertFalse(Transitions.allowed(JobState.AWAITING_DECISION, JobState.UPDATE));
    }

    @Test
    void givenAFailedBackupOrRestore_whenRetried_thenTheSameStepRunsAgain_claims4And14() {
        assertEquals(JobState.BACKUP, Transitions.retryTarget(JobState.VERIFY_BACKUP));
        assertEquals(JobState.RESTORE, Transitions.retryTarget(JobState.VERIFY_RESTORE));
    }

    @Test
    void givenAFailure_whenAborted_thenOnlyABackupFailureEndsWithoutRollingBack() {
        assertEquals(JobState.ABORTED, Transitions.abortTarget(JobState.BACKUP));
        assertEquals(JobState.ROLLBACK, Transitions.abortTarget(JobState.UPDATE));
        assertEquals(JobState.ROLLBACK, Transitions.abortTarget(JobState.RESTORE));
        assertEquals(JobState.ROLLBACK, Transitions.abortTarget(JobState.MIGRATE_CONFIG));
    }

    @Test
    void givenABackupStep_whenSkippingVerification_thenTheTransitionIsRefused() {
        assertFalse(Transitions.allowed(JobState.BACKUP, JobState.UPDATE));
        assertFalse(Transitions.allowed(JobState.UPDATE, JobState.RESTORE));
        assertThrows(IllegalStateException.class, () -> Transitions.check(JobState.PENDING, JobState.DONE));
    }

    @Test
    void givenATerminalJob_whenAnythingFollows_thenItIsRefused() {
        for (JobState s : JobState.values()) {
            assertTrue(!Transitions.allowed(JobState.DONE, s) && !Transitions.allowed(JobState.FAILED, s)
                    && !Transitions.allowed(JobState.ABORTED, s));
        }
    }
}
