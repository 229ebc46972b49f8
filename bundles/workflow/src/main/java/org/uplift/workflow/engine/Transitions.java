package org.uplift.workflow.engine;

import static org.uplift.api.workflow.JobState.BACKUP;
import static org.uplift.api.workflow.JobState.DONE;
import static org.uplift.api.workflow.JobState.FAILED;
import static org.uplift.api.workflow.JobState.KEEP_OLD_VERSION;
import static org.uplift.api.workflow.JobState.MIGRATE_CONFIG;
import static org.uplift.api.workflow.JobState.PENDING;
import static org.uplift.api.workflow.JobState.RESTORE;
import static org.uplift.api.workflow.JobState.UPDATE;
import static org.uplift.api.workflow.JobState.VERIFY_BACKUP;
import static org.uplift.api.workflow.JobState.VERIFY_RESTORE;
import static org.uplift.api.workflow.JobState.VERIFY_UPDATE;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.uplift.api.workflow.JobState;

/** The one table of allowed transitions; every state change of a job goes through {@link #check}. */
final class Transitions {

    private static final Map<JobState, Set<JobState>> NEXT = new EnumMap<>(JobState.class);

    static {
        NEXT.put(PENDING, EnumSet.of(BACKUP, FAILED));
        NEXT.put(BACKUP, EnumSet.of(VERIFY_BACKUP, FAILED));
        NEXT.put(VERIFY_BACKUP, EnumSet.of(KEEP_OLD_VERSION, FAILED));
        NEXT.put(KEEP_OLD_VERSION, EnumSet.of(UPDATE, FAILED));
        NEXT.put(UPDATE, EnumSet.of(VERIFY_UPDATE, FAILED));
        NEXT.put(VERIFY_UPDATE, EnumSet.of(MIGRATE_CONFIG, FAILED));
        NEXT.put(MIGRATE_CONFIG, EnumSet.of(RESTORE, FAILED));
        NEXT.put(RESTORE, EnumSet.of(VERIFY_RESTORE, FAILED));
        NEXT.put(VERIFY_RESTORE, EnumSet.of(DONE, FAILED));
        NEXT.put(JobState.AWAITING_DECISION, EnumSet.of(BACKUP, UPDATE, RESTORE, JobState.ROLLBACK, JobState.ABORTED, FAILED));
        NEXT.put(JobState.ROLLBACK, EnumSet.of(JobState.VERIFY_ROLLBACK, FAILED));
        NEXT.put(JobState.VERIFY_ROLLBACK, EnumSet.of(UPDATE, JobState.ABORTED, FAILED));
        NEXT.put(DONE, EnumSet.noneOf(JobState.class));
        NEXT.put(JobState.ABORTED, EnumSet.noneOf(JobState.class));
        NEXT.put(FAILED, EnumSet.noneOf(JobState.class));
    }

    private Transitions() {
    }

    static boolean allowed(JobState from, JobState to) {
        return NEXT.get(from).contains(to);
    }

    static void check(JobState from, JobState to) {
        if (!allowed(from, to)) {
            throw new IllegalStateException("transition " + from + " -> " + to + " is not allowed");
        }
    }
}
