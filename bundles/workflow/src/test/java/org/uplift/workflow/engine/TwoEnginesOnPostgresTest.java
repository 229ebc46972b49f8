package org.uplift.workflow.engine;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.uplift.workflow.store.PostgresServer;

/**
 * Two workflow engines on one real PostgreSQL (Debian package {@code postgresql}), as Karaf nodes
 * sharing jobs would run; skipped with a message naming the package where it is not installed.
 */
class TwoEnginesOnPostgresTest extends TwoEnginesContract {

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
    protected DataSource database(Path dir) throws Exception {
        return server.newDatabase();
    }
}
