package org.uplift.workflow.store;

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
    private final Instant now;

    private WriteCheck(String holder, String readOwner, Instant now) {
        this.holder = holder;
        this.readOwner = readOwner;
        this.now = now;
    }

    /** No lease check: {@link JobStore#transition}, a compare-and-set of the state alone. */
    static WriteCheck any() {
        return ANY;
    }

    /** The node driving the job: it must own it, and its lease must not have run out at {@code now}. */
    static WriteCheck holder(String nodeId, Instant now) {
        return new WriteCheck(Objects.requireNonNull(nodeId), null, now);
    }

    /** Someone acting on a job as read: no node may have taken it (or given it up) since. */
    static WriteCheck asRead(String owner) {
        return new WriteCheck(null, owner, null);
    }

    boolean allows(String owner, Instant leaseUntil) {
        if (holder != null) {
            return holder.equals(owner) && leaseUntil != null && leaseUntil.isAfter(now);
        }
        return this == ANY || Objects.equals(owner, readOwner);
    }
}
