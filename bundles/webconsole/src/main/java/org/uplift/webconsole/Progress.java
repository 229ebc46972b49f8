package org.uplift.webconsole;

import java.util.List;
import java.util.Locale;

import org.uplift.api.workflow.JobProgress;
import org.uplift.api.workflow.JobState;

/** A job's progress as one line: where it is on the happy path, and the bytes of a transfer under way. */
final class Progress {

    /** The happy path's steps, in order ({@link JobState}'s own order). */
    private static final List<JobState> STEPS = List.of(JobState.BACKUP, JobState.VERIFY_BACKUP,
            JobState.KEEP_OLD_VERSION, JobState.UPDATE, JobState.VERIFY_UPDATE, JobState.MIGRATE_CONFIG,
            JobState.RESTORE, JobState.VERIFY_RESTORE);

    private Progress() {
    }

    /** E.g. "step 4 of 8: UPDATE, 12,288 of 65,536 bytes (18%)"; {@code live} may be {@code null}. */
    static String describe(JobState state, JobProgress live) {
        String step = step(state);
        if (live == null || !live.transferring()) {
            return step;
        }
        String bytes = String.format(Locale.ROOT, "%,d", live.bytes());
        if (live.totalBytes() > 0) {
            long percent = Math.min(100, live.bytes() * 100 / live.totalBytes());
            return String.format(Locale.ROOT, "%s, %s of %,d bytes (%d%%)", step, bytes, live.totalBytes(), percent);
        }
        return step + ", " + bytes + " bytes";
    }

    private static String step(JobState state) {
        int index = STEPS.indexOf(state);
        if (index >= 0) {
            return "step " + (index + 1) + " of " + STEPS.size() + ": " + state;
        }
        return switch (state) {
            case PENDING -> "not started";
            case AWAITING_DECISION -> "waiting for a decision";
            case ROLLBACK, VERIFY_ROLLBACK -> "rolling back: " + state;
            case DONE -> "done";
            case ABORTED -> "aborted";
            case FAILED -> "failed";
            default -> state.toString();
        };
    }
}
