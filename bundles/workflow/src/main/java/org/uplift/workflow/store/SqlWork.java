package org.uplift.workflow.store;

import java.sql.Connection;
import java.sql.SQLException;

/** What one transaction does on its connection. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException, StoreException;
}
