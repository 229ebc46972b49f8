package org.uplift.workflow.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.uplift.api.workflow.JobQuery;

/**
 * A {@link JobQuery} in SQL: the criteria are a WHERE clause, so a page and its total cover every
 * stored job, not the newest few read into memory.
 */
final class JobQueries {

    private JobQueries() {
    }

    static JobStore.Page page(Connection connection, JobQuery query) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String where = where(query, parameters);
        long total;
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM uplift_jobs" + where)) {
            bind(count, parameters);
            try (ResultSet result = count.executeQuery()) {
                result.next();
                total = result.getLong(1);
            }
        }
        if (query.offset() >= total) {
            return new JobStore.Page(List.of(), total);
        }
        // limit and offset are checked ints, so writing them into the statement is safe (and portable)
        String sql = JobRows.SELECT_JOBS + where + " ORDER BY created_at DESC, id DESC OFFSET " + query.offset()
                + " ROWS FETCH FIRST " + query.limit() + " ROWS ONLY";
        return new JobStore.Page(JobRows.query(connection, sql, 0, parameters.toArray()), total);
    }

    private static String where(JobQuery query, List<Object> parameters) {
        List<String> conditions = new ArrayList<>();
        if (query.state() != null) {
            conditions.add("state = ?");
            parameters.add(query.state().name());
        }
        if (query.deviceId() != null) {
            conditions.add("device_id = ?");
            parameters.add(query.deviceId());
        }
        if (query.campaignId() != null) {
            conditions.add("campaign_id = ?");
            parameters.add(query.campaignId());
        }
        if (query.since() != null) {
            conditions.add("created_at >= ?");
            parameters.add(query.since().toEpochMilli());
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }
}
