package org.uplift.workflow.store;

import java.util.List;

/**
 * One numbered step of the job store's schema. Steps are never edited once released: a change is
 * a new step. Statements use {@code IF NOT EXISTS} because H2 commits each DDL statement on its own,
 * so a step interrupted half-way on H2 must be safe to run again.
 *
 * @param version     the schema version this step leads to (1, 2, ...)
 * @param description what it does, recorded in the version table
 * @param statements  portable SQL (H2 2.x and PostgreSQL 15), run in order
 */
record Migration(int version, String description, List<String> statements) {

    Migration {
        statements = List.copyOf(statements);
    }
}
