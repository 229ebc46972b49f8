package org.uplift.api.driver;

import org.uplift.api.repository.TransferProtocol;

/**
 * What a device is told to do: the operation and where the file is.
 *
 * @param type       the operation
 * @param protocol   how the device reaches the server
 * @param serverHost the server's address as the device should use it
 * @param serverPort the server's port
 * @param fileName   the ticketed file name
 * @param username   FTP user, or {@code null}
 * @param password   FTP password (a secret), or {@code null}
 * @since 0.1
 */
public record OperationRequest(OperationType type, TransferProtocol protocol, String serverHost, int serverPort,
        String fileName, String username, String password) {

    @Override
    public String toString() {
        return type + " " + protocol + "://" + serverHost + ":" + serverPort + "/" + fileName
                + (username == null ? "" : " user=" + username + " password=****");
    }
}
