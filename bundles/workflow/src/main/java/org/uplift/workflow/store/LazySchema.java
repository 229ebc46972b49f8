package org.uplift.workflow.store;

import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A schema migration that is tried when the store starts and, if the database cannot be reached then,
 * again before each use until it succeeds. A store whose database is briefly unavailable - H2's file
 * still held by the instance a bundle refresh left behind, PostgreSQL restarting - so stays registered
 * and recovers by itself, instead of failing its activation once and for all.
 */
public final class LazySchema {

    /** One migration attempt. */
    @FunctionalInterface
    public interface Migrator {
        void migrate() throws StoreException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(LazySchema.class);

    private final String what;
    private final Migrator migrator;
    private volatile boolean ready;

    public LazySchema(String what, Migrator migrator) {
        this.what = what;
        this.migrator = migrator;
    }

    /**
     * The first attempt, at start. A failure of the database (an SQL error: unreachable, locked) is logged
     * and the next use tries again; any other (a schema newer than this code) is thrown, as it will not pass.
     */
    public LazySchema tryNow() throws StoreException {
        try {
            ensure();
        } catch (StoreException e) {
            if (!(e.getCause() instanceof SQLException)) {
                throw e;
            }
            LOG.warn("The {} is not reachable yet ({}); it is tried again on each use", what, e.getMessage());
        }
        return this;
    }

    /** Migrates unless done; throws the database's reason while it cannot. */
    public void ensure() throws StoreException {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (!ready) {
                migrator.migrate();
                ready = true;
                LOG.debug("The {} is ready", what);
            }
        }
    }
}
