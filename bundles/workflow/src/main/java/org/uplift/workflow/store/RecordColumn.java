package org.uplift.workflow.store;

import java.sql.SQLDataException;
import java.util.List;

import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.StepRecord;

/**
 * The {@code context} column of a job: its {@link JobRecord} as a JSON document, or, in a row an older
 * Uplift wrote and no move has rewritten since, {@code key=value} lines ({@link LegacyContext}).
 */
final class RecordColumn {

    private RecordColumn() {
    }

    /** The record of a job as read with its history (which an old row's decision mark is found in). */
    static JobRecord read(String text, String jobId, JobState state, List<StepRecord> history) throws SQLDataException {
        JobRecord r = read(text, jobId);
        return legacy(text) ? LegacyContext.withDecisionFromHistory(r, state, history) : r;
    }

    /**
     * The record as a move starts from; an old row's decision mark does not matter there, as every move
     * sets or clears it.
     */
    static JobRecord read(String text, String jobId) throws SQLDataException {
        try {
            return legacy(text) ? LegacyContext.convert(ContextCodec.decode(text)) : JobRecordJson.read(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new SQLDataException("job " + jobId + " has a record this Uplift cannot read: " + e.getMessage(), e);
        }
    }

    static String write(String jobId, JobRecord r) throws StoreException {
        String text = JobRecordJson.write(r);
        if (text.length() > Limits.CONTEXT_CHARS) {
            throw new StoreException("the record of job " + jobId + " would take " + text.length()
                    + " characters, more than the " + Limits.CONTEXT_CHARS + " the job store keeps");
        }
        return text;
    }

    private static boolean legacy(String text) {
        return text == null || !text.startsWith("{");
    }
}
