package org.uplift.workflow.campaign;

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
import org.uplift.workflow.store.StoreException;

/**
 * The campaign tables, in the job store's database, with a version track of their own (so the job
 * store's migrations and these never wait for each other). Portable SQL for H2 2.x and PostgreSQL 15;
 * timestamps are epoch milliseconds. A step is never edited once released: a change is a new step.
 */
final class CampaignSchema {

    static final String VERSION_TABLE = "uplift_campaign_schema_version";

    /** Maximum stored length of a message. */
    static final int MESSAGE_CHARS = 4000;

    record Step(int version, String description, List<String> statements) {
    }

    static final List<Step> STEPS = List.of(
            new Step(1, "campaigns and their devices", List.of(
                    "CREATE TABLE IF NOT EXISTS uplift_campaigns ("
                            + " id VARCHAR(64) NOT NULL PRIMARY KEY,"
                            + " firmware_version VARCHAR(100) NOT NULL,"
                            + " selection_kind VARCHAR(32) NOT NULL,"
                            + " selection_model VARCHAR(255),"
                            + " concurrency INTEGER NOT NULL,"
                            + " waves VARCHAR(1000) NOT NULL,"
                            + " error_threshold INTEGER NOT NULL,"
                            + " policy VARCHAR(64) NOT NULL,"
                            + " state VARCHAR(32) NOT NULL,"
                            + " message VARCHAR(" + MESSAGE_CHARS + ") NOT NULL,"
                            + " current_wave INTEGER NOT NULL,"
                            + " wave_count INTEGER NOT NULL,"
                            + " threshold_cleared_wave INTEGER NOT NULL,"
                            + " created_at BIGINT NOT NULL,"
                            + " updated_at BIGINT NOT NULL)",
                    "CREATE INDEX IF NOT EXISTS uplift_campaigns_state ON uplift_campaigns (state)",
                    "CREATE TABLE IF NOT EXISTS uplift_campaign_devices ("
                            + " campaign_id VARCHAR(64) NOT NULL REFERENCES uplift_campaigns (id),"
                            + " seq INTEGER NOT NULL,"
                            + " wave INTEGER NOT NULL,"
                            + " device_id VARCHAR(255) NOT NULL,"
                            + " job_id VARCHAR(64),"
                            + " start_error VARCHAR(" + MESSAGE_CHARS + "),"
                            + " claimed_at BIGINT,"
                            + " PRIMARY KEY (campaign_id, seq))")),
            // a tick reads the open slots and the waves' counts, not every device (issue 16); campaigns stored
            // before start with every slot that has a job open and counts of 0, which their next tick settles
            new Step(2, "slot phases and the waves' counts", List.of(
                    "ALTER TABLE uplift_campaign_devices ADD COLUMN IF NOT EXISTS phase VARCHAR(16)"
                            + " DEFAULT 'PENDING' NOT NULL",
                    "UPDATE uplift_campaign_devices SET phase = 'OPEN' WHERE phase = 'PENDING'"
                            + " AND (job_id IS NOT NULL OR start_error IS NOT NULL OR claimed_at IS NOT NULL)",
                    "CREATE INDEX IF NOT EXISTS uplift_campaign_devices_phase"
                            + " ON uplift_campaign_devices (campaign_id, phase, wave, seq)",
                    "CREATE INDEX IF NOT EXISTS uplift_campaign_devices_device"
                            + " ON uplift_campaign_devices (campaign_id, device_id)",
                    "CREATE TABLE IF NOT EXISTS uplift_campaign_waves ("
                            + " campaign_id VARCHAR(64) NOT NULL REFERENCES uplift_campaigns (id),"
                            + " wave INTEGER NOT NULL,"
                            + " devices INTEGER NOT NULL,"
                            + " done_count INTEGER NOT NULL,"
                            + " failed_count INTEGER NOT NULL,"
                            + " PRIMARY KEY (campaign_id, wave))",
                    // H2 commits DDL at once: a second try of this step must not count a campaign twice
                    "INSERT INTO uplift_campaign_waves (campaign_id, wave, devices, done_count, failed_count)"
                            + " SELECT d.campaign_id, d.wave, COUNT(*), 0, 0 FROM uplift_campaign_devices d"
                            + " WHERE NOT EXISTS (SELECT 1 FROM uplift_campaign_waves w"
                            + " WHERE w.campaign_id = d.campaign_id) GROUP BY d.campaign_id, d.wave")));

    private static final Logger LOG = LoggerFactory.getLogger(CampaignSchema.class);

    private CampaignSchema() {
    }

    static int latestVersion() {
        return STEPS.get(STEPS.size() - 1).version();
    }

    /** As the job store's schema: two nodes starting at once may collide once; the second try finds the step applied. */
    static void migrate(DataSource dataSource, Clock clock) throws StoreException {
        try {
            migrateOnce(dataSource, clock);
        } catch (SQLException first) {
            LOG.info("Campaign schema migration collided with another node or failed ({}); trying once more",
                    first.getMessage());
            try {
                migrateOnce(dataSource, clock);
            } catch (SQLException second) {
                second.addSuppressed(first);
                throw new StoreException("cannot migrate the campaign tables to version " + latestVersion() + ": "
                        + second.getMessage(), second);
            }
        }
    }

    private static void migrateOnce(DataSource dataSource, Clock clock) throws SQLException, StoreException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute(
                        "CREATE TABLE IF NOT EXISTS " + VERSION_TABLE + " (version INTEGER NOT NULL PRIMARY KEY,"
                                + " description VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
            }
            connection.setAutoCommit(false);
            try {
                int current = currentVersion(connection);
                if (current > latestVersion()) {
                    throw new StoreException(
                            "the campaign tables are version " + current + " but this Uplift knows only up to "
                                    + latestVersion()
                                    + ": a newer Uplift has used this database; Uplift does not downgrade a schema.");
                }
                for (Step step : STEPS) {
                    if (step.version() > current) {
                        apply(connection, step, clock);
                    }
                }
                connection.commit();
            } catch (SQLException | StoreException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM " + VERSION_TABLE)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void apply(Connection connection, Step step, Clock clock) throws SQLException {
        LOG.info("Campaign schema: applying step {} ({})", step.version(), step.description());
        try (Statement statement = connection.createStatement()) {
            for (String sql : step.statements()) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + VERSION_TABLE + " (version, description, applied_at) VALUES (?, ?, ?)")) {
            insert.setInt(1, step.version());
            insert.setString(2, step.description());
            insert.setLong(3, clock.millis());
            insert.executeUpdate();
        }
    }
}
