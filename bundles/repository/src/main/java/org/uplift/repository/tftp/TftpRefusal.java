package org.uplift.repository.tftp;

/**
 * A request or transfer the server refuses or ends: the TFTP error sent to the client and the
 * reason logged for the operator (which may say more than the client is told).
 */
final class TftpRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    /** Error code 0 of RFC 1350 ("not defined, see error message"). */
    static final int UNDEFINED = 0;
    static final int FILE_NOT_FOUND = 1;
    static final int ACCESS_VIOLATION = 2;
    static final int DISK_FULL = 3;
    static final int ILLEGAL_OPERATION = 4;
    static final int UNKNOWN_TID = 5;
    static final int FILE_EXISTS = 6;
    /** RFC 2347: the client refused the options. */
    static final int OPTION_REFUSED = 8;

    private final int code;
    private final String clientMessage;

    TftpRefusal(int code, String clientMessage, String reason) {
        super(reason);
        this.code = code;
        this.clientMessage = clientMessage;
    }

    int code() {
        return code;
    }

    /** Short ASCII text for the ERROR packet. */
    String clientMessage() {
        return clientMessage;
    }

    /** For the log and the ticket's progress. */
    String reason() {
        return getMessage();
    }
}
