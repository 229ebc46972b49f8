package org.uplift.workflow.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The time leases are measured by. In production it is the database's: nodes whose clocks disagree
 * (or one that jumps) then still agree on when a lease runs out.
 */
@FunctionalInterface
interface LeaseTime {

    /** The database's CURRENT_TIMESTAMP, read in the caller's transaction. */
    LeaseTime DATABASE = new LeaseTime() {
        @Override
        public Instant now(Connection connection) throws SQLException {
            try (PreparedStatement select = connection.prepareStatement("SELECT CURRENT_TIMESTAMP");
                    ResultSet result = select.executeQuery()) {
                result.next();
                return result.getObject(1, OffsetDateTime.class).toInstant();
            }
        }

        @Override
        public Instant now(Connection connection, Instant databaseTime) {
            return databaseTime;
        }
    };

    Instant now(Connection connection) throws SQLException;

    /**
     * The time in a transaction that has already read the database's CURRENT_TIMESTAMP with a row
     * ({@code databaseTime}): the same value a statement of its own would read (both the transaction's
     * start, on H2 and PostgreSQL), without that statement on every job transition.
     */
    default Instant now(Connection connection, Instant databaseTime) throws SQLException {
        return now(connection);
    }

    /** A node's clock: only for tests that move time by hand. */
    static LeaseTime of(Clock clock) {
        return connection -> clock.instant();
    }
}
