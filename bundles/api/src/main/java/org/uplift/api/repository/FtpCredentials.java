package org.uplift.api.repository;

import java.util.Objects;

/**
 * The FTP user and password of one ticket; they are valid only for the ticket's device address
 * and only until the ticket expires or is closed. {@link #toString()} never shows the password.
 *
 * @param user     the ticket's FTP user name
 * @param password the ticket's FTP password; give it only to the device (SNMP command) or the operator
 * @since 0.2
 */
public record FtpCredentials(String user, String password) {

    public FtpCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "FtpCredentials[user=" + user + ", password=***]";
    }
}
