package org.uplift.workflow.store;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The contract on a real PostgreSQL (Debian package {@code postgresql}), started for this class and
 * stopped after it; each test gets a database of its own.
 */
class PostgresJobStoreTest extends JobStoreContract {

    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.startOrSkip(Path.of("target").toAbsolutePath());
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected DataSource freshDatabase() throws Exception {
        return server.newDatabase();
    }
}
