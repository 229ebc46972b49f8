package org.uplift.workflow.engine;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.uplift.workflow.store.PostgresPerClass;

/**
 * Two workflow engines on one real PostgreSQL (Debian package {@code postgresql}), as Karaf nodes
 * sharing jobs would run; skipped with a message naming the package where it is not installed.
 */
class TwoEnginesOnPostgresTest extends TwoEnginesContract {

    @RegisterExtension
    static final PostgresPerClass POSTGRES = new PostgresPerClass();

    @Override
    protected DataSource database(Path dir) throws Exception {
        return POSTGRES.newDatabase();
    }
}
