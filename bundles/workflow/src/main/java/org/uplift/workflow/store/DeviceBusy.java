package org.uplift.workflow.store;

/** A new job was refused because its device already has a job that has not ended; the message names that job. */
public final class DeviceBusy extends StoreException {
    private static final long serialVersionUID = 1L;

    DeviceBusy(String message) {
        super(message);
    }
}
