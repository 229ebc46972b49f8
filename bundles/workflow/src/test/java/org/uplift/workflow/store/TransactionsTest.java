package org.uplift.workflow.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connections kept between store operations, on a real H2 database: H2 numbers its sessions. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TransactionsTest {

    private Transactions transactions;

    @BeforeEach
    void open() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:transactions-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        transactions = new Transactions(h2);
    }

    @AfterEach
    void close() {
        transactions.close();
    }

    private int session() throws StoreException {
        return transactions.run("cannot read the session", TransactionsTest::sessionOf);
    }

    private static int sessionOf(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT SESSION_ID()")) {
            r.next();
            return r.getInt(1);
        }
    }

    @Test
    void givenOperationsOneAfterAnother_thenTheyShareOneSession() throws Exception {
        int first = session();
        assertEquals(first, session());
        assertEquals(first, session());
        assertEquals(1, transactions.idle());
    }

    @Test
    void givenADatabaseError_thenItsConnectionIsNotKept() throws Exception {
        int before = session();
        StoreException e = assertThrows(StoreException.class, () -> transactions.run("cannot read the nothing table",
                c -> c.createStatement().executeQuery("SELECT * FROM nothing")));
        assertTrue(e.getMessage().startsWith("cannot read the nothing table: "), e.getMessage());
        assertNotEquals(before, session());
    }

    @Test
    void givenARefusalOfTheStore_thenTheConnectionIsKeptAndNothingWasWritten() throws Exception {
        transactions.run("cannot create", c -> c.createStatement().execute("CREATE TABLE t (x INT)"));
        int before = session();
        assertThrows(StoreException.class, () -> transactions.run("cannot insert", c -> {
            c.createStatement().executeUpdate("INSERT INTO t VALUES (1)");
            throw new StoreException("refused");
        }));
        assertEquals(before, session());
        assertEquals(0, (int) transactions.run("cannot count", c -> {
            try (ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
                r.next();
                return r.getInt(1);
            }
        }), "the refused operation was rolled back");
    }

    @Test
    void givenAKeptConnectionThatWasClosedMeanwhile_thenAFreshOneIsUsed() throws Exception {
        AtomicReference<Connection> used = new AtomicReference<>();
        int before = transactions.run("cannot read", c -> {
            used.set(c);
            return sessionOf(c);
        });
        used.get().close(); // as a database restart would leave it

        assertNotEquals(before, session());
    }

    @Test
    void givenManyOperationsAtOnce_thenAtMostMaxIdleConnectionsAreKept() throws Exception {
        int parallel = Transactions.MAX_IDLE + 4;
        CountDownLatch allIn = new CountDownLatch(parallel);
        ExecutorService threads = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Integer>> sessions = new ArrayList<>();
            for (int i = 0; i < parallel; i++) {
                sessions.add(threads.submit(() -> transactions.run("cannot wait", c -> {
                    allIn.countDown();
                    try {
                        allIn.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return sessionOf(c);
                })));
            }
            List<Integer> ids = new ArrayList<>();
            for (Future<Integer> f : sessions) {
                ids.add(f.get());
            }
            assertEquals(parallel, ids.stream().distinct().count(), "each operation had its own session");
        } finally {
            threads.shutdownNow();
        }
        assertEquals(Transactions.MAX_IDLE, transactions.idle());
        transactions.close();
        assertEquals(0, transactions.idle());
    }

    @Test
    void givenTheSameStatementInTwoOperations_thenItIsPreparedOnceAndItsParametersDoNotCarryOver() throws Exception {
        String sql = "SELECT ? FROM DUAL";
        PreparedStatement first = transactions.run("x", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, "a");
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    assertEquals("a", r.getString(1));
                }
                return s.unwrap(PreparedStatement.class);
            }
        });
        PreparedStatement second = transactions.run("x", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                // the kept statement, cleared: a parameter left from the first operation would be a bug
                assertThrows(SQLException.class, s::executeQuery);
                return s.unwrap(PreparedStatement.class);
            }
        });
        assertSame(first, second, "one statement prepared for both operations");
        assertFalse(first.isClosed());
    }

    @Test
    void givenTheSameStatementPreparedTwiceAtOnce_thenEachCallerHasItsOwn() throws Exception {
        String sql = "SELECT ? FROM DUAL";
        transactions.run("x", c -> {
            try (PreparedStatement outer = c.prepareStatement(sql); PreparedStatement inner = c.prepareStatement(sql)) {
                assertNotSame(outer.unwrap(PreparedStatement.class), inner.unwrap(PreparedStatement.class));
                outer.setInt(1, 1);
                inner.setInt(1, 2);
                try (ResultSet a = outer.executeQuery(); ResultSet b = inner.executeQuery()) {
                    a.next();
                    b.next();
                    assertEquals(1, a.getInt(1));
                    assertEquals(2, b.getInt(1));
                }
            }
            return null;
        });
    }

    @Test
    void givenAConnectionDroppedAfterADatabaseError_thenItsKeptStatementsAreClosed() throws Exception {
        AtomicReference<PreparedStatement> kept = new AtomicReference<>();
        assertThrows(StoreException.class, () -> transactions.run("cannot do it", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM DUAL")) {
                kept.set(s.unwrap(PreparedStatement.class));
            }
            try (Statement bad = c.createStatement()) {
                bad.execute("SELECT * FROM no_such_table");
            }
            return null;
        }));
        assertTrue(kept.get().isClosed());
    }

    @Test
    void givenMoreStatementsThanAreKept_thenTheLeastRecentlyUsedIsClosed() throws Exception {
        List<PreparedStatement> physical = transactions.run("x", c -> {
            List<PreparedStatement> all = new ArrayList<>();
            for (int i = 0; i <= Transactions.KEPT_STATEMENTS; i++) {
                try (PreparedStatement s = c.prepareStatement("SELECT " + i + " FROM DUAL")) {
                    all.add(s.unwrap(PreparedStatement.class));
                }
            }
            assertEquals(Transactions.KEPT_STATEMENTS, KeptStatements.keptOf(c));
            return all;
        });
        assertTrue(physical.get(0).isClosed(), "the oldest went");
        assertFalse(physical.get(physical.size() - 1).isClosed());
    }
}
