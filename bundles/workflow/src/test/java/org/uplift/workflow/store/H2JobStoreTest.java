package org.uplift.workflow.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uplift.api.workflow.JobState;
import org.uplift.api.workflow.StepRecord;

/** The contract on an embedded H2 file database, with the URL settings the uplift feature ships. */
class H2JobStoreTest extends JobStoreContract {

    @TempDir
    Path directory;

    @Override
    protected DataSource freshDatabase() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource
                .setURL("jdbc:h2:" + directory.resolve("jobs") + ";FILE_LOCK=FS;LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=60");
        return dataSource;
    }

    /**
     * A database that cannot be reached when the store starts (seen: H2's file still locked by the instance a
     * refresh of the H2 bundle left behind) must not kill the store: it starts, refuses work with the database's
     * reason, and works once the database is back.
     */
    @Test
    void givenTheDatabaseUnreachableAtStart_whenItComesBack_thenTheStoreWorksWithoutARestart() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        DataSource real = freshDatabase();
        DataSource flaky = new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                if (down.get()) {
                    throw new SQLException("Database may be already in use (simulated)");
                }
                return real.getConnection();
            }

            @Override
            public Connection getConnection(String user, String password) throws SQLException {
                return getConnection();
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };

        JdbcJobStore store = new JdbcJobStore(flaky, Clock.systemUTC());
        StoreException refused = assertThrows(StoreException.class, () -> store.find("J-1"));
        assertEquals(true, refused.getMessage().contains("already in use"), refused.getMessage());

        down.set(false);
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        StoredJob job = new StoredJob("J-1", "iad-1", "fw-2.0.0", "2.0.0", null, JobState.PENDING, t, t,
                JobRecord.EMPTY, List.of(new StepRecord(JobState.PENDING, t, "accepted")), null, null);
        store.create(job);
        assertEquals(job, store.find("J-1").orElseThrow());
    }
}
