package org.uplift.workflow.store;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link PostgresServer} for a test class, registered as a static {@code @RegisterExtension} field: started
 * before the class's first test (or the class is skipped, saying why), stopped after its last.
 */
public final class PostgresPerClass implements BeforeAllCallback, AfterAllCallback {

    private PostgresServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = PostgresServer.startOrSkip();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** An empty database of its own on the class's server. */
    public DataSource newDatabase() throws SQLException {
        return server.newDatabase();
    }
}
