package org.uplift.repository.tftp;

/** A transfer ended without the server sending an ERROR: the client went silent or sent one itself. */
final class TransferAborted extends Exception {
    private static final long serialVersionUID = 1L;

    TransferAborted(String reason) {
        super(reason);
    }
}
