package org.uplift.workflow.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection that keeps its prepared statements and hands the same one out again for the same SQL.
 * H2 parses a statement again on every prepare it does not cache itself, and it never caches one with
 * {@code FOR UPDATE}: in a campaign that parsing was 13 % of the job threads' CPU. Closing a kept
 * statement only clears its parameters and batch. A connection is used by one operation at a time
 * (the one that borrowed it); a statement prepared while the kept one for that SQL is still open is a
 * fresh one of its own, closed as usual.
 */
final class KeptStatements implements InvocationHandler {

    private final Connection connection;
    private final Map<String, Kept> kept;

    private KeptStatements(Connection connection, int most) {
        this.connection = connection;
        this.kept = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
                if (size() <= most) {
                    return false;
                }
                eldest.getValue().evicted();
                return true;
            }
        };
    }

    /** The connection, keeping at most {@code most} statements (the least recently used one goes). */
    static Connection wrap(Connection connection, int most) {
        return (Connection) Proxy.newProxyInstance(KeptStatements.class.getClassLoader(),
                new Class<?>[]{Connection.class}, new KeptStatements(connection, most));
    }

    /** How many statements the connection keeps (for tests). */
    static int keptOf(Connection wrapped) {
        return ((KeptStatements) Proxy.getInvocationHandler(wrapped)).kept.size();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "prepareStatement" :
                if (args.length == 1) {
                    return prepare((String) args[0]);
                }
                break;
            case "close" :
                closeAll();
                break;
            case "equals" :
                return proxy == args[0];
            case "hashCode" :
                return System.identityHashCode(proxy);
            default :
                break;
        }
        return call(connection, method, args);
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        Kept statement = kept.get(sql);
        if (statement != null && !statement.open) {
            statement.open = true;
            return statement.proxy;
        }
        if (statement != null) {
            return connection.prepareStatement(sql); // the kept one is in use: a plain one for this caller
        }
        Kept fresh = new Kept(connection.prepareStatement(sql));
        kept.put(sql, fresh);
        fresh.open = true;
        return fresh.proxy;
    }

    private void closeAll() {
        List<Kept> all = new ArrayList<>(kept.values());
        kept.clear();
        for (Kept statement : all) {
            statement.closeQuietly();
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** One kept statement: its caller's close() returns it to the connection instead of closing it. */
    private static final class Kept implements InvocationHandler {

        private final PreparedStatement statement;
        private final PreparedStatement proxy;
        private boolean open;
        private boolean evicted;

        Kept(PreparedStatement statement) {
            this.statement = statement;
            this.proxy = (PreparedStatement) Proxy.newProxyInstance(KeptStatements.class.getClassLoader(),
                    new Class<?>[]{PreparedStatement.class}, this);
        }

        @Override
        public Object invoke(Object self, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" :
                    giveBack();
                    return null;
                case "isClosed" :
                    return !open || statement.isClosed();
                case "equals" :
                    return self == args[0];
                case "hashCode" :
                    return System.identityHashCode(self);
                default :
                    return call(statement, method, args);
            }
        }

        private void giveBack() throws SQLException {
            if (!open) {
                return;
            }
            open = false;
            if (evicted) {
                statement.close();
                return;
            }
            statement.clearParameters();
            statement.clearBatch();
        }

        /** Dropped from the cache: closed now if no one holds it, else when its holder closes it. */
        void evicted() {
            evicted = true;
            if (!open) {
                closeQuietly();
            }
        }

        void closeQuietly() {
            try {
                statement.close();
            } catch (SQLException e) {
                // the connection is going too
            }
        }
    }
}
