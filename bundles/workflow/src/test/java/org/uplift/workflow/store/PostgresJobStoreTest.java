package org.uplift.workflow.store;

import javax.sql.DataSource;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract on a real PostgreSQL (Debian package {@code postgresql}), started for this class and
 * stopped after it; each test gets a database of its own.
 */
class PostgresJobStoreTest extends JobStoreContract {

    @RegisterExtension
    static final PostgresPerClass POSTGRES = new PostgresPerClass();

    @Override
    protected DataSource freshDatabase() throws Exception {
        return POSTGRES.newDatabase();
    }
}
