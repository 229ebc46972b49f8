package org.uplift.workflow.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import javax.sql.DataSource;

/**
 * Runs each store operation in its own transaction and turns every failure into a
 * {@link StoreException} that says what could not be done. A few connections are kept open between
 * operations: pax-jdbc's default DataSource opens a new one each time, and on H2 that means a new
 * session whose statements are all parsed again, for every transition of every job. A pooled
 * DataSource works as well; a connection that failed, or no longer answers, is closed, not kept.
 */
public final class Transactions implements AutoCloseable {

    /** SQL state of a unique or primary key violation, the same on H2 and PostgreSQL. */
    static final String UNIQUE_VIOLATION = "23505";

    /** Connections kept for the next operations; more may be open while operations run. */
    static final int MAX_IDLE = 8;

    private static final int VALID_SECONDS = 2;

    /** Prepared statements kept per connection: the job store has some 40 distinct ones. */
    static final int KEPT_STATEMENTS = 64;

    private final DataSource dataSource;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    public Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * @param failure what could not be done, for the operator ("cannot read job J-1"); the
     *                database's own reason is appended
     */
    public <T> T run(String failure, SqlWork<T> work) throws StoreException {
        Connection connection = null;
        boolean keep = false;
        try {
            connection = borrow();
            try {
                T result = work.run(connection);
                connection.commit();
                keep = true;
                return result;
            } catch (SQLException | StoreException | RuntimeException e) {
                // after a refusal the connection is as good as before; after a database error it may not be
                keep = !(e instanceof SQLException) && rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException(failure + ": " + reason(e), e);
        } finally {
            if (connection != null) {
                giveBack(connection, keep);
            }
        }
    }

    /** Closes the connections kept; operations still running close theirs when they end. */
    @Override
    public void close() {
        List<Connection> open;
        synchronized (this) {
            closed = true;
            open = new ArrayList<>(idle);
            idle.clear();
        }
        open.forEach(Transactions::closeQuietly);
    }

    /** Number of connections kept open for the next operations (for tests). */
    synchronized int idle() {
        return idle.size();
    }

    private Connection borrow() throws SQLException {
        while (true) {
            Connection kept;
            synchronized (this) {
                kept = idle.pollFirst();
            }
            if (kept == null) {
                Connection fresh = KeptStatements.wrap(dataSource.getConnection(), KEPT_STATEMENTS);
                fresh.setAutoCommit(false);
                return fresh;
            }
            if (valid(kept)) {
                return kept;
            }
            closeQuietly(kept);
        }
    }

    private void giveBack(Connection connection, boolean keep) {
        synchronized (this) {
            if (keep && !closed && idle.size() < MAX_IDLE) {
                idle.addFirst(connection);
                return;
            }
        }
        closeQuietly(connection);
    }

    /** A kept connection may have died with its server (PostgreSQL restarted, network cut). */
    private static boolean valid(Connection connection) {
        try {
            return connection.isValid(VALID_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    /** @return whether the rollback worked, so the connection can be used again */
    private static boolean rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
            return true;
        } catch (SQLException e) {
            cause.addSuppressed(e);
            return false;
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // it is being dropped either way
        }
    }

    private static String reason(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e.getSQLState() == null ? message : message + " (SQL state " + e.getSQLState() + ")";
    }
}
