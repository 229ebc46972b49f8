package org.uplift.workflow.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;

/**
 * What a write expects of a job's lease, checked on the job's locked row so that no claim slips in
 * between: a node driving a job writes only while it holds an unexpired lease (by the database's
 * clock); anyone else (an operator's decision) only while the owner is still the one it read.
 */
final class WriteCheck {

    private static final WriteCheck ANY = new WriteCheck(null, null, null);

    private final String holder;
    private final String readOwner;
    private final LeaseTime time;

    private WriteCheck(String holder, String readOwner, LeaseTime time) {
        this.holder = holder;
        this.readOwner = readOwner;
        this.time = time;
    }

    /** No lease check: {@link JobStore#transition}, a compare-and-set of the state alone. */
    static WriteCheck any() {
        return ANY;
    }

    /** The node driving the job: it must own it, and its lease must not have run out by {@code time}. */
    static WriteCheck holder(String nodeId, LeaseTime time) {
        return new WriteCheck(Objects.requireNonNull(nodeId), null, Objects.requireNonNull(time));
    }

    /** Someone acting on a job as read: no node may have taken it (or given it up) since. */
    static WriteCheck asRead(String owner) {
        return new WriteCheck(null, owner, null);
    }

    /** @param databaseTime the database's CURRENT_TIMESTAMP, read with the locked row */
    boolean allows(Connection connection, String owner, Instant leaseUntil, Instant databaseTime)
            throws SQLException {
        if (holder != null) {
            return holder.equals(owner) && leaseUntil != null
                    && leaseUntil.isAfter(time.now(connection, databaseTime));
        }
        return this == ANY || Objects.equals(owner, readOwner);
    }
}
