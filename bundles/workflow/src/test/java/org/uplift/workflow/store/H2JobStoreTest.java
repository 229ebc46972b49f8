package org.uplift.workflow.store;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.io.TempDir;

/** The contract on an embedded H2 file database, with the URL settings the uplift feature ships. */
class H2JobStoreTest extends JobStoreContract {

    @TempDir
    Path directory;

    @Override
    protected DataSource freshDatabase() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:" + directory.resolve("jobs") + ";FILE_LOCK=FS;LOCK_TIMEOUT=10000;DB_CLOSE_DELAY=60");
        return dataSource;
    }
}
