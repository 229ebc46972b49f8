package org.uplift.workflow.campaign;

/**
 * Where a slot is as far as the campaign's own rows can say, stored beside it so that a tick reads only the
 * slots that may still change: a pending slot changes only when a tick starts it, and a settled one never again.
 */
enum SlotPhase {
    /** Nothing started or claimed. */
    PENDING,
    /**
     * Pending again after a claim was freed as lost; the start may yet have stored a job for it, which a tick then
     * adopts. Only a claimed slot can come to have a job: the campaign engine is the only one to start a job of a
     * campaign.
     */
    FREED,
    /** Claimed, or its job or start error recorded, and not settled yet by a tick. */
    OPEN,
    /** Its job ended DONE: counted in its wave's {@code done_count}. */
    DONE,
    /** Its job ended ABORTED or FAILED, or it could not be started: counted in its wave's {@code failed_count}. */
    FAILED;

    /** A slot as written by a change that is not a tick's: untouched is pending, anything else is for a tick to settle. */
    static SlotPhase of(Slot slot) {
        return slot.untouched() ? PENDING : OPEN;
    }

    boolean settled() {
        return this == DONE || this == FAILED;
    }
}
