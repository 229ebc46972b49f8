package org.uplift.workflow.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.uplift.api.workflow.JobState;

/**
 * Which node runs which job. A node claims jobs by locking their rows ({@code FOR UPDATE SKIP
 * LOCKED}, the same on H2 2.x and PostgreSQL), so a second node claiming at the same moment skips
 * them instead of waiting or taking them too.
 */
final class Leases {

    /** Free, expired, or already the claiming node's. */
    private static final String CLAIMABLE = "(owner IS NULL OR lease_until IS NULL OR lease_until <= ? OR owner = ?)";

    private Leases() {
    }

    static List<StoredJob> claim(Connection connection, String nodeId, Instant now, Duration lease, int max,
            Set<JobState> states) throws SQLException {
        List<String> candidates = lockCandidates(connection, nodeId, now, max, states);
        long until = now.plus(lease).toEpochMilli();
        List<StoredJob> claimed = new ArrayList<>();
        for (String jobId : candidates) {
            // the condition again: a row can change between another node's commit and our lock
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE uplift_jobs SET owner = ?, lease_until = ? WHERE id = ? AND " + CLAIMABLE)) {
                update.setString(1, nodeId);
                update.setLong(2, until);
                update.setString(3, jobId);
                update.setLong(4, now.toEpochMilli());
                update.setString(5, nodeId);
                if (update.executeUpdate() == 1) {
                    JobRows.find(connection, jobId).ifPresent(claimed::add);
                }
            }
        }
        return claimed;
    }

    /** Only leases still running: one that ran out may be another node's by now, or soon. */
    static Set<String> renew(Connection connection, String nodeId, Instant now, Duration lease) throws SQLException {
        long until = now.plus(lease).toEpochMilli();
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE uplift_jobs SET lease_until = ? WHERE owner = ? AND lease_until > ?")) {
            update.setLong(1, until);
            update.setString(2, nodeId);
            update.setLong(3, now.toEpochMilli());
            update.executeUpdate();
        }
        // the renewed rows stay locked until this transaction ends, so this reads exactly them
        Set<String> held = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM uplift_jobs WHERE owner = ? AND lease_until = ?")) {
            select.setString(1, nodeId);
            select.setLong(2, until);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    held.add(result.getString(1));
                }
            }
        }
        return held;
    }

    static void release(Connection connection, String jobId, String nodeId) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE uplift_jobs SET owner = NULL, lease_until = NULL WHERE id = ? AND owner = ?")) {
            update.setString(1, jobId);
            update.setString(2, nodeId);
            update.executeUpdate();
        }
    }

    private static List<String> lockCandidates(Connection connection, String nodeId, Instant now, int max,
            Set<JobState> states) throws SQLException {
        String marks = String.join(", ", Collections.nCopies(states.size(), "?"));
        // max is an int, so writing it into the statement is safe; a parameter there is not portable
        String sql = "SELECT id FROM uplift_jobs WHERE state IN (" + marks + ") AND " + CLAIMABLE
                + " ORDER BY created_at, id FETCH FIRST " + max + " ROWS ONLY FOR UPDATE SKIP LOCKED";
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int index = 1;
            for (JobState state : states) {
                select.setString(index++, state.name());
            }
            select.setLong(index++, now.toEpochMilli());
            select.setString(index, nodeId);
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    ids.add(result.getString(1));
                }
            }
        }
        return ids;
    }
}
