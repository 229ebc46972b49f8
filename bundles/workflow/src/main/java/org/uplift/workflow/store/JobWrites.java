package org.uplift.workflow.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.uplift.api.workflow.DecisionRecord;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.StepRecord;

/** The statements that create jobs and move them on; each runs inside the caller's transaction. */
final class JobWrites {

    private JobWrites() {
    }

    /** The job holding the device's active-job row, if any. */
    static Optional<String> activeJob(Connection connection, String deviceId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT job_id FROM uplift_active_device WHERE device_id = ?")) {
            select.setString(1, deviceId);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
            }
        }
    }

    static void insertJob(Connection connection, StoredJob job) throws SQLException, StoreException {
        try (PreparedStatement insert = connection
                .prepareStatement("INSERT INTO uplift_jobs (id, device_id, firmware_id,"
                        + " target_version, campaign_id, state, created_at, updated_at, context, owner, lease_until,"
                        + " history_length) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, job.id());
            insert.setString(2, job.deviceId());
            insert.setString(3, job.firmwareId());
            insert.setString(4, job.targetVersion());
            insert.setString(5, job.campaignId());
            insert.setString(6, job.state().name());
            insert.setLong(7, job.createdAt().toEpochMilli());
            insert.setLong(8, job.updatedAt().toEpochMilli());
            insert.setString(9, RecordColumn.write(job.id(), job.record()));
            insert.setString(10, job.owner());
            insert.setObject(11, JobRows.millis(job.leaseUntil()), Types.BIGINT);
            insert.setInt(12, job.history().size());
            insert.executeUpdate();
        }
        List<StepRecord> history = job.history();
        for (int i = 0; i < history.size(); i++) {
            insertHistory(connection, job.id(), i + 1, history.get(i));
        }
    }

    static void insertActiveDevice(Connection connection, String deviceId, String jobId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO uplift_active_device (device_id, job_id) VALUES (?, ?)")) {
            insert.setString(1, deviceId);
            insert.setString(2, jobId);
            insert.executeUpdate();
        }
    }

    /**
     * Compare-and-set of the job's state, the history entry and the record's change. The row is locked
     * first so the history sequence and the changed record are computed from what no one else changes.
     */
    static boolean transition(Connection connection, String jobId, JobState expected, StepRecord entry,
            UnaryOperator<JobRecord> change) throws SQLException, StoreException {
        return write(connection, jobId, expected, entry, change, WriteCheck.any(), null).isPresent();
    }

    /**
     * {@link #transition} returning the job as it is now stored. The caller's copy supplies what a
     * transition does not change; the history is read again only if its length shows that another
     * writer appended to it since the caller read it (the history is append-only).
     */
    static Optional<StoredJob> move(Connection connection, StoredJob job, StepRecord entry,
            UnaryOperator<JobRecord> change, WriteCheck check) throws SQLException, StoreException {
        return move(connection, job, entry, change, check, null);
    }

    /** @param answer who answers the job's prompt {@code answer.prompt()}; stored only if that prompt is still open */
    static Optional<StoredJob> move(Connection connection, StoredJob job, StepRecord entry,
            UnaryOperator<JobRecord> change, WriteCheck check, DecisionRecord answer)
            throws SQLException, StoreException {
        Optional<Written> written = write(connection, job.id(), job.state(), entry, change, check, answer);
        if (written.isEmpty()) {
            return Optional.empty();
        }
        Written w = written.get();
        if (job.history().size() != w.seq() - 1) {
            return JobRows.find(connection, job.id());
        }
        List<StepRecord> history = new ArrayList<>(job.history());
        history.add(w.entry());
        return Optional.of(new StoredJob(job.id(), job.deviceId(), job.firmwareId(), job.targetVersion(),
                job.campaignId(), w.entry().state(), job.createdAt(), w.entry().at(), w.record(), history,
                w.owner(), w.leaseUntil(), w.prompt(), w.decided()));
    }

    private static Optional<Written> write(Connection connection, String jobId, JobState expected, StepRecord entry,
            UnaryOperator<JobRecord> change, WriteCheck check, DecisionRecord answer)
            throws SQLException, StoreException {
        Optional<Locked> locked = lock(connection, jobId, expected);
        // checked on the locked row: a claim by another node waits for this transaction, or came first
        if (locked.isEmpty() || !check.allows(connection, locked.get().owner(), locked.get().leaseUntil(),
                locked.get().databaseTime())) {
            return Optional.empty();
        }
        if (answer != null && (expected != JobState.AWAITING_DECISION || locked.get().prompt() != answer.prompt())) {
            return Optional.empty();
        }
        int prompt = locked.get().prompt() + (entry.state() == JobState.AWAITING_DECISION ? 1 : 0);
        DecisionRecord decided = answer == null ? locked.get().decided()
                : new DecisionRecord(answer.prompt(), answer.decision(), Limits.name(answer.by()),
                        Limits.name(answer.from()),
                        Instant.ofEpochMilli(answer.at().toEpochMilli()));
        JobRecord record = change.apply(locked.get().record());
        // the row is locked, and every entry is appended under that lock: the count on the row is the history's
        int seq = locked.get().historyLength() + 1;
        // a job that ends holds no lease: released in its last move, not in a transaction of its own after it
        boolean ends = entry.state().terminal();
        try (PreparedStatement update = connection.prepareStatement("UPDATE uplift_jobs SET state = ?, updated_at = ?,"
                + " context = ?, prompt = ?, decided_prompt = ?, decided_as = ?, decided_by = ?, decided_from = ?,"
                + " decided_at = ?, history_length = ?" + (ends ? ", owner = NULL, lease_until = NULL" : "")
                + " WHERE id = ? AND state = ?")) {
            update.setString(1, entry.state().name());
            update.setLong(2, entry.at().toEpochMilli());
            update.setString(3, RecordColumn.write(jobId, record));
            update.setInt(4, prompt);
            update.setObject(5, decided == null ? null : decided.prompt(), Types.INTEGER);
            update.setString(6, decided == null ? null : decided.decision().name());
            update.setString(7, decided == null ? null : decided.by());
            update.setString(8, decided == null ? null : decided.from());
            update.setObject(9, decided == null ? null : decided.at().toEpochMilli(), Types.BIGINT);
            update.setInt(10, seq);
            update.setString(11, jobId);
            update.setString(12, expected.name());
            if (update.executeUpdate() != 1) {
                return Optional.empty();
            }
        }
        insertHistory(connection, jobId, seq, entry);
        if (ends) {
            freeDevice(connection, jobId);
        }
        // as a read gives it back: times in milliseconds, the message cut to the column
        StepRecord stored = new StepRecord(entry.state(), Instant.ofEpochMilli(entry.at().toEpochMilli()),
                Limits.message(entry.message()));
        return Optional.of(new Written(seq, stored, record, ends ? null : locked.get().owner(),
                ends ? null : locked.get().leaseUntil(), prompt, decided));
    }

    private static Optional<Locked> lock(Connection connection, String jobId, JobState expected) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                // the database's time with the row: a lease check needs no statement of its own
                "SELECT context, owner, lease_until, prompt, decided_prompt, decided_as, decided_by, decided_from,"
                        + " decided_at, CURRENT_TIMESTAMP, history_length FROM uplift_jobs WHERE id = ? AND state = ?"
                        + " FOR UPDATE")) {
            select.setString(1, jobId);
            select.setString(2, expected.name());
            try (ResultSet result = select.executeQuery()) {
                if (!result.next()) {
                    return Optional.empty();
                }
                JobRecord record = RecordColumn.read(result.getString(1), jobId);
                String owner = result.getString(2);
                long lease = result.getLong(3);
                Instant leaseUntil = result.wasNull() ? null : Instant.ofEpochMilli(lease);
                return Optional.of(new Locked(record, owner, leaseUntil, result.getInt(4), decided(result, jobId),
                        result.getObject(10, OffsetDateTime.class).toInstant(), result.getInt(11)));
            }
        }
    }

    private static void insertHistory(Connection connection, String jobId, int seq, StepRecord entry)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO uplift_job_history (job_id, seq, state, at, message) VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, jobId);
            insert.setInt(2, seq);
            insert.setString(3, entry.state().name());
            insert.setLong(4, entry.at().toEpochMilli());
            insert.setString(5, Limits.message(entry.message()));
            insert.executeUpdate();
        }
    }

    private static void freeDevice(Connection connection, String jobId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM uplift_active_device WHERE job_id = ?")) {
            delete.setString(1, jobId);
            delete.executeUpdate();
        }
    }

    private static DecisionRecord decided(ResultSet result, String jobId) throws SQLException {
        int prompt = result.getInt(5);
        if (result.wasNull()) {
            return null;
        }
        return new DecisionRecord(prompt, JobRows.decision(result.getString(6), jobId), result.getString(7),
                result.getString(8), Instant.ofEpochMilli(result.getLong(9)));
    }

    private record Locked(JobRecord record, String owner, Instant leaseUntil, int prompt,
            DecisionRecord decided, Instant databaseTime, int historyLength) {
    }

    /** What a transition wrote: the history entry's sequence number and the entry, the changed record. */
    private record Written(int seq, StepRecord entry, JobRecord record, String owner, Instant leaseUntil,
            int prompt, DecisionRecord decided) {
    }
}
