package org.uplift.workflow.engine;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/** Two workflow engines on one embedded H2 database (a file both open, as two stores in one JVM). */
class TwoEnginesOnH2Test extends TwoEnginesContract {

    @Override
    protected DataSource database(Path dir) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:" + dir.resolve("shared-jobs") + ";DB_CLOSE_DELAY=-1");
        return h2;
    }
}
