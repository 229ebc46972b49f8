package org.uplift.workflow.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.uplift.api.workflow.Decision;
import org.uplift.api.workflow.DecisionRecord;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.StepRecord;

/** Reads jobs and their history from the tables {@link Schema} defines. */
final class JobRows {

    static final String SELECT_JOBS = "SELECT id, device_id, firmware_id, target_version, campaign_id, state,"
            + " created_at, updated_at, context, owner, lease_until, prompt, decided_prompt, decided_as, decided_by,"
            + " decided_from, decided_at FROM uplift_jobs";

    /** Histories of this many jobs are read with one query. */
    private static final int HISTORY_BATCH = 100;

    private JobRows() {
    }

    static Optional<StoredJob> find(Connection connection, String jobId) throws SQLException {
        List<StoredJob> jobs = query(connection, SELECT_JOBS + " WHERE id = ?", 0, jobId);
        return jobs.stream().findFirst();
    }

    /**
     * Jobs with their history.
     *
     * @param maxRows at most this many, 0 for all
     */
    static List<StoredJob> query(Connection connection, String sql, int maxRows, Object... parameters)
            throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setMaxRows(maxRows);
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(row(result));
                }
            }
        }
        Map<String, List<StepRecord>> histories = histories(connection,
                rows.stream().map(Row::id).toList());
        List<StoredJob> jobs = new ArrayList<>(rows.size());
        for (Row row : rows) {
            jobs.add(row.job(histories.getOrDefault(row.id(), List.of())));
        }
        return jobs;
    }

    static List<JobSummary> summaries(Connection connection, String campaignId) throws SQLException {
        List<JobSummary> jobs = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id, device_id, state FROM uplift_jobs WHERE campaign_id = ? ORDER BY created_at, id")) {
            statement.setString(1, campaignId);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    String id = result.getString(1);
                    jobs.add(new JobSummary(id, result.getString(2), state(result.getString(3), id)));
                }
            }
        }
        return jobs;
    }

    static JobState state(String name, String jobId) throws SQLException {
        try {
            return JobState.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new SQLDataException("job " + jobId + " is in state " + name
                    + ", which this Uplift does not know (was it written by a newer version?)", e);
        }
    }

    static Decision decision(String name, String jobId) throws SQLException {
        try {
            return Decision.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new SQLDataException(
                    "job " + jobId + " was decided as '" + name + "', which this Uplift does not know", e);
        }
    }

    static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static Map<String, List<StepRecord>> histories(Connection connection, List<String> jobIds)
            throws SQLException {
        Map<String, List<StepRecord>> histories = new HashMap<>();
        for (int from = 0; from < jobIds.size(); from += HISTORY_BATCH) {
            List<String> batch = jobIds.subList(from, Math.min(jobIds.size(), from + HISTORY_BATCH));
            String marks = String.join(", ", Collections.nCopies(batch.size(), "?"));
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT job_id, state, at, message FROM uplift_job_history WHERE job_id IN (" + marks + ")"
                            + " ORDER BY job_id, seq")) {
                for (int i = 0; i < batch.size(); i++) {
                    statement.setString(i + 1, batch.get(i));
                }
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        String jobId = result.getString(1);
                        histories.computeIfAbsent(jobId, id -> new ArrayList<>()).add(new StepRecord(
                                state(result.getString(2), jobId), Instant.ofEpochMilli(result.getLong(3)),
                                result.getString(4)));
                    }
                }
            }
        }
        return histories;
    }

    private static Row row(ResultSet result) throws SQLException {
        String id = result.getString("id");
        long leaseUntil = result.getLong("lease_until");
        Instant lease = result.wasNull() ? null : Instant.ofEpochMilli(leaseUntil);
        return new Row(id, result.getString("device_id"), result.getString("firmware_id"),
                result.getString("target_version"), result.getString("campaign_id"),
                state(result.getString("state"), id), Instant.ofEpochMilli(result.getLong("created_at")),
                Instant.ofEpochMilli(result.getLong("updated_at")), result.getString("context"),
                result.getString("owner"), lease, result.getInt("prompt"), decided(result, id));
    }

    private static DecisionRecord decided(ResultSet result, String jobId) throws SQLException {
        int prompt = result.getInt("decided_prompt");
        if (result.wasNull()) {
            return null;
        }
        return new DecisionRecord(prompt, decision(result.getString("decided_as"), jobId),
                result.getString("decided_by"), result.getString("decided_from"),
                Instant.ofEpochMilli(result.getLong("decided_at")));
    }

    /** A job row before its history is attached. */
    private record Row(String id, String deviceId, String firmwareId, String targetVersion, String campaignId,
            JobState state, Instant createdAt, Instant updatedAt, String record, String owner,
            Instant leaseUntil, int prompt, DecisionRecord decided) {

        StoredJob job(List<StepRecord> history) throws SQLException {
            return new StoredJob(id, deviceId, firmwareId, targetVersion, campaignId, state, createdAt, updatedAt,
                    RecordColumn.read(record, id, state, history), history, owner, leaseUntil, prompt, decided);
        }
    }
}
