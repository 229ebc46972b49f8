package org.uplift.workflow.engine;

import static org.uplift.api.workflow.JobState.ABORTED;
import static org.uplift.api.workflow.JobState.AWAITING_DECISION;
import static org.uplift.api.workflow.JobState.BACKUP;
import static org.uplift.api.workflow.JobState.DONE;
import static org.uplift.api.workflow.JobState.FAILED;
import static org.uplift.api.workflow.JobState.KEEP_OLD_VERSION;
import static org.uplift.api.workflow.JobState.MIGRATE_CONFIG;
import static org.uplift.api.workflow.JobState.PENDING;
import static org.uplift.api.workflow.JobState.RESTORE;
import static org.uplift.api.workflow.JobState.ROLLBACK;
import static org.uplift.api.workflow.JobState.UPDATE;
import static org.uplift.api.workflow.JobState.VERIFY_BACKUP;
import static org.uplift.api.workflow.JobState.VERIFY_RESTORE;
import static org.uplift.api.workflow.JobState.VERIFY_ROLLBACK;
import static org.uplift.api.workflow.JobState.VERIFY_UPDATE;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.uplift.api.workflow.JobState;

/**
 * The one table of allowed transitions (docs/design.md#state-diagram); every state change of a job is
 * checked here before it is stored. A firmware-only plan (a device whose configuration comes from
 * provisioning) goes PENDING -> KEEP_OLD_VERSION and VERIFY_UPDATE -> DONE. Self-loops and the VERIFY_x -> x edges are how a job resumes after
 * a restart: the step is re-entered, with a history entry saying why. Each VERIFY_x is a step of its own: VERIFY_UPDATE
 * and VERIFY_RESTORE verify again when a job is taken up in them; VERIFY_BACKUP goes back to BACKUP (the upload it
 * checks lived on this node's file server only) and VERIFY_ROLLBACK to ROLLBACK. Where a roll-back ends, and whether
 * a job was taken up right after a decision, is in the job's record ({@code JobRecord}), not in its history.
 */
final class Transitions {

    private static final Map<JobState, Set<JobState>> NEXT = new EnumMap<>(JobState.class);

    static {
        NEXT.put(PENDING, EnumSet.of(BACKUP, KEEP_OLD_VERSION, AWAITING_DECISION, FAILED));
        NEXT.put(BACKUP, EnumSet.of(VERIFY_BACKUP, AWAITING_DECISION, BACKUP, FAILED));
        NEXT.put(VERIFY_BACKUP, EnumSet.of(KEEP_OLD_VERSION, AWAITING_DECISION, BACKUP, FAILED));
        NEXT.put(KEEP_OLD_VERSION, EnumSet.of(UPDATE, AWAITING_DECISION, FAILED));
        NEXT.put(UPDATE, EnumSet.of(VERIFY_UPDATE, AWAITING_DECISION, UPDATE, FAILED));
        NEXT.put(VERIFY_UPDATE, EnumSet.of(MIGRATE_CONFIG, DONE, AWAITING_DECISION, VERIFY_UPDATE, FAILED));
        NEXT.put(MIGRATE_CONFIG, EnumSet.of(RESTORE, AWAITING_DECISION, MIGRATE_CONFIG, FAILED));
        NEXT.put(RESTORE, EnumSet.of(VERIFY_RESTORE, AWAITING_DECISION, RESTORE, FAILED));
        NEXT.put(VERIFY_RESTORE, EnumSet.of(DONE, AWAITING_DECISION, RESTORE, FAILED));
        NEXT.put(AWAITING_DECISION, EnumSet.of(BACKUP, MIGRATE_CONFIG, RESTORE, ROLLBACK, ABORTED, FAILED));
        NEXT.put(ROLLBACK, EnumSet.of(VERIFY_ROLLBACK, ROLLBACK, AWAITING_DECISION, FAILED));
        NEXT.put(VERIFY_ROLLBACK, EnumSet.of(UPDATE, ABORTED, ROLLBACK, AWAITING_DECISION, FAILED));
        NEXT.put(DONE, EnumSet.noneOf(JobState.class));
        NEXT.put(ABORTED, EnumSet.noneOf(JobState.class));
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

    /**
     * Where a failed step is taken up again when the operator says retry (docs/design.md#keep-old-version: an update after a
     * roll-back). PENDING, KEEP_OLD_VERSION and the roll-back states fail only when an operator stops them.
     */
    static JobState retryTarget(JobState failedStep) {
        return switch (failedStep) {
            case PENDING, BACKUP, VERIFY_BACKUP -> BACKUP;
            case KEEP_OLD_VERSION, UPDATE, VERIFY_UPDATE, ROLLBACK, VERIFY_ROLLBACK -> ROLLBACK;
            case MIGRATE_CONFIG -> MIGRATE_CONFIG;
            case RESTORE, VERIFY_RESTORE -> RESTORE;
            default -> throw new IllegalArgumentException(failedStep + " cannot be retried");
        };
    }

    /**
     * Where a job goes when the operator ends it: nothing to undo before the update, else back to the
     * old version; a roll-back that is itself stopped leaves the device unverified (FAILED, manual action).
     */
    static JobState abortTarget(JobState failedStep) {
        return switch (failedStep) {
            case PENDING, BACKUP, VERIFY_BACKUP, KEEP_OLD_VERSION -> ABORTED;
            case ROLLBACK, VERIFY_ROLLBACK -> FAILED;
            default -> ROLLBACK;
        };
    }
}
