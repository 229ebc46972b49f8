package org.uplift.workflow.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job store's tables and their migrations. Timestamps are epoch milliseconds ({@code BIGINT}):
 * the same type on H2 and PostgreSQL, with no time-zone conversion by either driver.
 */
final class Schema {

    static final String VERSION_TABLE = "uplift_schema_version";

    /** Every step, in order; the last one's version is what this code needs. */
    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "jobs, job history, one active job per device", List.of(
                    "CREATE TABLE IF NOT EXISTS uplift_jobs ("
                            + " id VARCHAR(64) NOT NULL PRIMARY KEY,"
                            + " device_id VARCHAR(255) NOT NULL,"
                            + " firmware_id VARCHAR(255) NOT NULL,"
                            + " target_version VARCHAR(100) NOT NULL,"
                            + " campaign_id VARCHAR(64),"
                            + " state VARCHAR(32) NOT NULL,"
                            + " created_at BIGINT NOT NULL,"
                            + " updated_at BIGINT NOT NULL,"
                            + " context VARCHAR(" + Limits.CONTEXT_CHARS + ") NOT NULL,"
                            + " owner VARCHAR(255),"
                            + " lease_until BIGINT)",
                    "CREATE INDEX IF NOT EXISTS uplift_jobs_state ON uplift_jobs (state)",
                    "CREATE INDEX IF NOT EXISTS uplift_jobs_campaign ON uplift_jobs (campaign_id)",
                    "CREATE INDEX IF NOT EXISTS uplift_jobs_created ON uplift_jobs (created_at)",
                    "CREATE INDEX IF NOT EXISTS uplift_jobs_device ON uplift_jobs (device_id)",
                    "CREATE TABLE IF NOT EXISTS uplift_job_history ("
                            + " job_id VARCHAR(64) NOT NULL REFERENCES uplift_jobs (id),"
                            + " seq INTEGER NOT NULL,"
                            + " state VARCHAR(32) NOT NULL,"
                            + " at BIGINT NOT NULL,"
                            + " message VARCHAR(" + Limits.MESSAGE_CHARS + "),"
                            + " PRIMARY KEY (job_id, seq))",
                    // A row per device with a job that is not terminal: its primary key is what refuses a
                    // second active job, on every database (partial unique indexes are not portable).
                    "CREATE TABLE IF NOT EXISTS uplift_active_device ("
                            + " device_id VARCHAR(255) NOT NULL PRIMARY KEY,"
                            + " job_id VARCHAR(64) NOT NULL REFERENCES uplift_jobs (id))")),
            // who answered is stored in columns of its own; older answers are left unknown, not parsed out of history
            new Migration(2, "decision prompts and who answered them", List.of(
                    "ALTER TABLE uplift_jobs ADD COLUMN IF NOT EXISTS prompt INTEGER DEFAULT 0 NOT NULL",
                    "ALTER TABLE uplift_jobs ADD COLUMN IF NOT EXISTS decided_prompt INTEGER",
                    "ALTER TABLE uplift_jobs ADD COLUMN IF NOT EXISTS decided_as VARCHAR(16)",
                    "ALTER TABLE uplift_jobs ADD COLUMN IF NOT EXISTS decided_by VARCHAR(255)",
                    "ALTER TABLE uplift_jobs ADD COLUMN IF NOT EXISTS decided_from VARCHAR(255)",
                    "ALTER TABLE uplift_jobs ADD COLUMN IF NOT EXISTS decided_at BIGINT",
                    // a job's prompts so far: the times its history entered AWAITING_DECISION
                    "UPDATE uplift_jobs SET prompt = (SELECT COUNT(*) FROM uplift_job_history h"
                            + " WHERE h.job_id = uplift_jobs.id AND h.state = 'AWAITING_DECISION')")),
            // no statement: rows are converted when read (RecordColumn); the step exists so that an older Uplift,
            // which would misread a JSON record, refuses this database instead
            new Migration(3, "job records as versioned JSON documents in the context column", List.of()),
            // the next history entry's number read from the row a move locks anyway, not by a MAX over the history
            new Migration(4, "a job's history length on its row", List.of(
                    "ALTER TABLE uplift_jobs ADD COLUMN IF NOT EXISTS history_length INTEGER DEFAULT 0 NOT NULL",
                    "UPDATE uplift_jobs SET history_length = (SELECT COALESCE(MAX(seq), 0) FROM uplift_job_history h"
                            + " WHERE h.job_id = uplift_jobs.id)")));

    private static final Logger LOG = LoggerFactory.getLogger(Schema.class);

    private Schema() {
    }

    static int latestVersion() {
        return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
    }

    /**
     * Brings the schema to {@link #latestVersion()}. Two nodes starting at once on an empty
     * PostgreSQL may collide on the same step; the loser's transaction rolls back, and it tries once
     * more and finds the step applied.
     *
     * @throws StoreException if the database holds a newer schema than this code knows, or a step fails
     */
    static void migrate(DataSource dataSource, Clock clock) throws StoreException {
        try {
            migrateOnce(dataSource, clock);
        } catch (SQLException first) {
            LOG.info("Job store schema migration collided with another node or failed ({}); trying once more",
                    first.getMessage());
            try {
                migrateOnce(dataSource, clock);
            } catch (SQLException second) {
                second.addSuppressed(first);
                throw new StoreException("cannot migrate the job store's schema to version " + latestVersion()
                        + ": " + second.getMessage(), second);
            }
        }
    }

    private static void migrateOnce(DataSource dataSource, Clock clock) throws SQLException, StoreException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS " + VERSION_TABLE + " ("
                        + " version INTEGER NOT NULL PRIMARY KEY,"
                        + " description VARCHAR(200) NOT NULL,"
                        + " applied_at BIGINT NOT NULL)");
            }
            connection.setAutoCommit(false);
            try {
                int current = currentVersion(connection);
                refuseNewer(current);
                for (Migration migration : MIGRATIONS) {
                    if (migration.version() > current) {
                        apply(connection, migration, clock);
                    }
                }
                connection.commit();
            } catch (SQLException | StoreException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM " + VERSION_TABLE)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void refuseNewer(int current) throws StoreException {
        if (current > latestVersion()) {
            throw new StoreException("the job store's schema is version " + current
                    + " but this Uplift knows only up to "
                    + latestVersion() + ": a newer Uplift has used this database. Run that newer version (or point "
                    + "org.ops4j.datasource-uplift at another database); Uplift does not downgrade a schema.");
        }
    }

    private static void apply(Connection connection, Migration migration, Clock clock) throws SQLException {
        LOG.info("Job store schema: applying step {} ({})", migration.version(), migration.description());
        try (Statement statement = connection.createStatement()) {
            for (String sql : migration.statements()) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + VERSION_TABLE + " (version, description, applied_at) VALUES (?, ?, ?)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.description());
            insert.setLong(3, clock.millis());
            insert.executeUpdate();
        }
    }
}
